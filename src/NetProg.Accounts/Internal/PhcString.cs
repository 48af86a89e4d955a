using System.Buffers;
using System.Buffers.Text;

namespace NetProg.Accounts.Internal;

/// <summary>
/// The PHC string format for Argon2id, as the reference implementation writes it
/// (https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md): <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>,
/// salt and hash in standard Base64 without padding. Only version 19 (0x13, Argon2 1.3) exists in Konscious and in RFC 9106.
/// </summary>
internal static class PhcString
{
    public const string Prefix = "$argon2id$";
    public const int Version = 0x13;
    public const int MinSaltBytes = 8;
    public const int MaxSaltBytes = 64;
    public const int MinHashBytes = 16;
    public const int MaxHashBytes = 64;

    /// <summary>Characters of a PHC algorithm identifier (the spec's <c>[a-z0-9-]</c>).</summary>
    private static readonly SearchValues<char> IdentifierChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public static string Format(Argon2Parameters parameters, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> hash) =>
        $"{Prefix}v={Version}${parameters}${Encode(salt)}${Encode(hash)}";

    /// <summary>Cheap shape check (the store's guard against being handed a password): <c>$</c>, an algorithm name, <c>$</c>.</summary>
    public static bool LooksLikePhc(string? value)
    {
        if (value is null || value.Length < 3 || value[0] != '$')
        {
            return false;
        }

        var end = value.IndexOf('$', 1);
        return end > 1 && !value.AsSpan(1, end - 1).ContainsAnyExcept(IdentifierChars);
    }

    /// <summary>Reads an Argon2id PHC string; false for anything else, never an exception (a stored hash is data, not trusted code).</summary>
    public static bool TryParse(string? value, out PhcHash parsed)
    {
        parsed = null!;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // v=19 $ m=..,t=..,p=.. $ salt $ hash
        var parts = value[Prefix.Length..].Split('$');
        if (parts.Length != 4 || parts[0] != $"v={Version}")
        {
            return false;
        }

        var fields = parts[1].Split(',');
        if (fields.Length != 3 ||
            !TryField(fields[0], "m=", out var memory) ||
            !TryField(fields[1], "t=", out var iterations) ||
            !TryField(fields[2], "p=", out var parallelism))
        {
            return false;
        }

        var parameters = new Argon2Parameters(memory, iterations, parallelism);
        if (!parameters.IsValid ||
            !TryDecode(parts[2], MinSaltBytes, MaxSaltBytes, out var salt) ||
            !TryDecode(parts[3], MinHashBytes, MaxHashBytes, out var hash))
        {
            return false;
        }

        parsed = new PhcHash(parameters, salt, hash);
        return true;
    }

    private static bool TryField(string field, string key, out int value)
    {
        value = 0;
        return field.StartsWith(key, StringComparison.Ordinal) &&
               field.Length > key.Length && field.Length <= key.Length + 10 &&
               field.AsSpan(key.Length).IndexOfAnyExceptInRange('0', '9') < 0 &&
               int.TryParse(field.AsSpan(key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, int minBytes, int maxBytes, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length > Base64.GetMaxEncodedToUtf8Length(maxBytes) || text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[(padded.Length / 4) * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written < minBytes || written > maxBytes)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
