using NetProg.Accounts;

namespace NetProg.Cli.Rendering;

/// <summary>A refused new password (<see cref="PasswordPolicy"/>) in one line: what is wrong and what to do.</summary>
internal static class PasswordPolicyText
{
    public static string Describe(PasswordProblem problem, string name, string password) => problem switch
    {
        PasswordProblem.TooShort => string.Format(Strings.Users_PasswordTooShort, PasswordPolicy.Length(password), PasswordPolicy.MinLength),
        PasswordProblem.ContainsName => string.Format(Strings.Users_PasswordHasName, name),
        PasswordProblem.Common => Strings.Users_PasswordCommon,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}
