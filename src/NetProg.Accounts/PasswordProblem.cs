namespace NetProg.Accounts;

/// <summary>Why <see cref="PasswordPolicy"/> refuses a new password; the command line turns each into words.</summary>
public enum PasswordProblem
{
    /// <summary>Nothing: the password may be set.</summary>
    None,

    /// <summary>Fewer than <see cref="PasswordPolicy.MinLength"/> characters.</summary>
    TooShort,

    /// <summary>The account's name, or a password with the name in it (any case).</summary>
    ContainsName,

    /// <summary>On the built-in list of the most common passwords, the first ones every guesser tries.</summary>
    Common,
}
