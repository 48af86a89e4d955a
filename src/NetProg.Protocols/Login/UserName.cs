namespace NetProg.Protocols.Login;

/// <summary>
/// The syntax of a user name: 1 to <see cref="MaxLength"/> characters of <c>[A-Za-z0-9._-]</c> (the issue). ASCII only, so a
/// name is safe to log and to put in a reply, and cannot have look-alike spellings (Unicode confusables, full-width digits).
/// </summary>
public static class UserName
{
    /// <summary>The longest valid name, in characters (= bytes, as they are ASCII).</summary>
    public const int MaxLength = 32;

    /// <summary>Whether <paramref name="name"/> is 1 to 32 characters of <c>[A-Za-z0-9._-]</c>; false for null.</summary>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsNameCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same test on the raw bytes of a line, so a non-UTF-8 name is rejected without being decoded.</summary>
    internal static bool IsValid(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (byte b in name)
        {
            if (!IsNameCharacter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
