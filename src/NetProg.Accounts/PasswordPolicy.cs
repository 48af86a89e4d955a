using NetProg.Accounts.Internal;

namespace NetProg.Accounts;

/// <summary>
/// What a new password must be, after NIST SP 800-63B §5.1.1.2 (memorized secret verifiers): at least 8 characters, no
/// composition rules (no "one digit and one symbol"), and not a value known to be commonly used or expected: here a
/// built-in list of the most common passwords, and the account's own name. Pure code: the caller reads the password and
/// says the problem in the user's language; every place a password is set (<c>users add</c>, <c>users passwd</c>) asks
/// it. A rehash at login keeps the password it verified and is not a new one.
/// </summary>
public static class PasswordPolicy
{
    /// <summary>The fewest characters (Unicode code points, as §5.1.1.2 counts them) of a password.</summary>
    public const int MinLength = 8;

    /// <summary>
    /// A name shorter than this is refused only as the whole password, not inside one: a two-letter name such as
    /// <c>jo</c> would otherwise rule out every password with those two letters anywhere in it.
    /// </summary>
    public const int MinNameLengthToSearch = 3;

    /// <summary>The first problem found, in this order: length, the name, the list; <see cref="PasswordProblem.None"/> if none.</summary>
    /// <param name="name">The account the password is for (its name is compared case-insensitively, ASCII as names are).</param>
    /// <param name="password">The new password, as typed.</param>
    public static PasswordProblem Check(string name, string password)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        if (Length(password) < MinLength)
        {
            return PasswordProblem.TooShort;
        }

        if (name.Length > 0 &&
            (password.Equals(name, StringComparison.OrdinalIgnoreCase) ||
             (name.Length >= MinNameLengthToSearch && password.Contains(name, StringComparison.OrdinalIgnoreCase))))
        {
            return PasswordProblem.ContainsName;
        }

        return CommonPasswords.Contains(password) ? PasswordProblem.Common : PasswordProblem.None;
    }

    /// <summary>The password's length in Unicode code points: a Korean syllable or an emoji is one character, not two UTF-16 units.</summary>
    public static int Length(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return password.EnumerateRunes().Count();
    }
}
