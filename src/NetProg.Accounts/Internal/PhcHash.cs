namespace NetProg.Accounts.Internal;

/// <summary>An Argon2id hash read from its PHC string.</summary>
internal sealed record PhcHash(Argon2Parameters Parameters, byte[] Salt, byte[] Hash);
