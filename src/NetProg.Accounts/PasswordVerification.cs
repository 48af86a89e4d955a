namespace NetProg.Accounts;

/// <summary>The outcome of <see cref="PasswordHasher.VerifyAsync"/>.</summary>
/// <param name="Succeeded">The password matches the stored hash.</param>
/// <param name="NeedsRehash">
/// Only with <paramref name="Succeeded"/>: the stored hash was made with other parameters (or salt or hash sizes) than the
/// hasher's current ones; hash the password again and store it (<see cref="IAccountStore.SetPasswordHashAsync"/>).
/// </param>
public readonly record struct PasswordVerification(bool Succeeded, bool NeedsRehash)
{
    public static PasswordVerification Failed => default;
}
