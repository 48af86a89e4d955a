namespace NetProg.Protocols.Login;

/// <summary>
/// Check <see cref="Password"/> against the stored hash for <see cref="UserName"/>, then call
/// <see cref="LoginSession.CompleteVerification(bool)"/>. When <see cref="UserName"/> is null or has no account, verify
/// against a dummy hash with the same cost and report false: the answer, <c>530 login incorrect</c>, must be the same
/// bytes after about the same time whether the name exists or not, or the reply time enumerates users (the issue; the
/// same reasoning as OpenSSH's fake password check for invalid users). A throttling check belongs here too: instead of
/// verifying, call <see cref="LoginSession.OnThrottled"/>.
/// </summary>
/// <param name="UserName">
/// The name from <c>USER</c>, or null when it was missing or not a valid name (<see cref="Login.UserName.IsValid(string?)"/>):
/// the session still asks for a verification so that an invalid name costs the same time as an unknown one. A non-null
/// name is valid, hence safe to log.
/// </param>
/// <param name="Password">The rest of the <c>PASS</c> line, verbatim, decoded as UTF-8 (invalid bytes become U+FFFD). Never log it.</param>
public sealed record VerifyPassword(string? UserName, string Password) : LoginAction
{
    /// <summary>
    /// Hides the password from <see cref="object.ToString"/>: a record prints every property by default, and an action
    /// is exactly what ends up in a debug log line.
    /// </summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        if (base.PrintMembers(builder))
        {
            builder.Append(", ");
        }

        builder.Append("UserName = ").Append(UserName ?? "(invalid)").Append(", Password = ***");
        return true;
    }
}
