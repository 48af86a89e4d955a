using System.Security.Cryptography;

namespace NetProg.Cli.Rendering;

/// <summary>
/// Why a file could not be used, in our words: .NET's exception texts ("Could not find file '…'", "Access to the path … is
/// denied") are English whatever the UI language, and name no remedy.
/// </summary>
internal static class FileErrorText
{
    /// <param name="e">What opening or reading the file threw.</param>
    /// <param name="path">The file the user named, when known: a folder given for a file is said so.</param>
    public static string Cause(Exception e, string? path = null) => e switch
    {
        FileNotFoundException { FileName: { } name } => string.Format(Strings.File_NotFound, name),
        FileNotFoundException => string.Format(Strings.File_NotFound, path ?? "?"),
        DirectoryNotFoundException => Strings.File_NoFolder,
        UnauthorizedAccessException or IOException when path is not null && Directory.Exists(path) => Strings.File_IsFolder,
        UnauthorizedAccessException => Strings.File_PermissionDenied,
        CryptographicException c when IsSystemCryptoCode(c.HResult) => $"{Strings.File_NotCertificate} ({string.Format(Strings.File_CryptoCode, $"0x{c.HResult:X8}")})",
        CryptographicException => Strings.File_NotCertificate,
        _ => e.Message,
    };

    // A code of Windows' crypto libraries, worth quoting to search for: an NTE_*/SEC_E_* HRESULT (facility 9, e.g.
    // 0x80090029 NTE_NOT_SUPPORTED when the key's algorithm cannot be stored) or an NTSTATUS from bcrypt (0xC...). .NET's own
    // checks and OpenSSL's errors carry generic codes and say nothing more than the sentence does.
    private static bool IsSystemCryptoCode(int code) =>
        ((uint)code & 0xFFFF0000) == 0x80090000 || ((uint)code & 0xF0000000) == 0xC0000000;

    /// <summary>
    /// <paramref name="message"/> (a lower layer's, already in the UI language) with the .NET text of its cause replaced by
    /// <see cref="Cause"/>.
    /// </summary>
    public static string Replace(string message, Exception? cause, string? path = null) =>
        cause is null || cause.Message.Length == 0 ? message : message.Replace(cause.Message, Cause(cause, path), StringComparison.Ordinal);
}
