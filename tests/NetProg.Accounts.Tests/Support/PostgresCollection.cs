namespace NetProg.Accounts.Tests.Support;

/// <summary>Every class that needs PostgreSQL shares one server (about a second to start) and runs one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
