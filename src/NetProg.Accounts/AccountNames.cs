using System.Buffers;

namespace NetProg.Accounts;

/// <summary>
/// The account name rule: 1–32 characters of <c>[A-Za-z0-9._-]</c>, compared case-sensitively (ordinal), as Unix user names
/// are. ASCII only, so a name looks the same in every terminal and no Unicode look-alike can impersonate another.
/// </summary>
public static class AccountNames
{
    public const int MaxLength = 32;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && !name.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>Throws <see cref="AccountException"/> (<see cref="AccountErrorKind.InvalidName"/>) unless <paramref name="name"/> is valid.</summary>
    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw new AccountException(
                AccountErrorKind.InvalidName,
                string.Format(Strings.InvalidName, Quote(name), MaxLength),
                name);
        }
    }

    /// <summary>
    /// The name quoted for a one-line message: control and non-ASCII characters escaped, long input cut, so that whatever a
    /// client typed cannot break the line or flood the log.
    /// </summary>
    internal static string Quote(string? name)
    {
        if (name is null)
        {
            return "(none)";
        }

        const int shown = 40;
        var text = new StringBuilder("'");
        foreach (var c in name.Length > shown ? name[..shown] : name)
        {
            if (c is >= ' ' and <= '~' && c != '\'' && c != '\\')
            {
                text.Append(c);
            }
            else
            {
                text.Append($"\\u{(int)c:x4}");
            }
        }

        text.Append('\'');
        if (name.Length > shown)
        {
            text.Append(string.Format(Strings.NameLength, name.Length));
        }

        return text.ToString();
    }
}
