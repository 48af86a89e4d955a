namespace NetProg.Accounts;

/// <summary>One account as stored. Times are UTC, kept to the millisecond (both backends round-trip them exactly).</summary>
/// <param name="Name">Valid per <see cref="AccountNames"/>; case-sensitive.</param>
/// <param name="PasswordHash">A PHC string (<c>$argon2id$v=19$m=...,t=...,p=...$salt$hash</c>); never a password.</param>
/// <param name="Created">When the account was added.</param>
/// <param name="LastLogin">The last successful login, or null if there was none.</param>
/// <param name="FailedAttempts">Failed logins since the last successful one (reset to 0 by a success).</param>
public sealed record Account(string Name, string PasswordHash, DateTimeOffset Created, DateTimeOffset? LastLogin, int FailedAttempts)
{
    /// <summary>Leaves the hash out of <see cref="ToString"/>: an account logged by accident must not hand out material for offline cracking.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, PasswordHash = (hidden), Created = {Created:O}, LastLogin = {LastLogin:O}, FailedAttempts = {FailedAttempts}");
        return true;
    }
}
