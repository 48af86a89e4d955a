namespace NetProg.Integration.Tests.Login;

/// <summary>The login tests that need PostgreSQL share one throwaway server (a few seconds to start).</summary>
[CollectionDefinition(Name)]
public sealed class LoginPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Login PostgreSQL";
}
