using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// The Windows user's UI language, asked of Windows itself: netprog runs globalization-invariant (no ICU, for start-up
/// time: NetProg.Cli.csproj), and there <see cref="CultureInfo.CurrentUICulture"/> is the invariant culture whatever the
/// user's language. Only Korean matters to <see cref="UiLanguage"/>, so only the primary language is read.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsUiLanguage
{
    // LANG_KOREAN, the primary language of a LANGID's low 10 bits (winnt.h; MS-LCID 2.2).
    private const int LangKorean = 0x12;

    public static CultureInfo Culture() =>
        (GetUserDefaultUILanguage() & 0x3FF) == LangKorean
            ? CultureInfo.GetCultureInfo("ko", predefinedOnly: false)
            : CultureInfo.InvariantCulture;

    // https://learn.microsoft.com/windows/win32/api/winnls/nf-winnls-getuserdefaultuilanguage (no arguments, no failure).
    [DllImport("kernel32.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern ushort GetUserDefaultUILanguage();
}
