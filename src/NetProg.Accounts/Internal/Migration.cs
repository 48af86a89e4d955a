namespace NetProg.Accounts.Internal;

/// <summary>One schema step, in each dialect.</summary>
internal sealed record Migration(int Version, string Sqlite, string Postgres);
