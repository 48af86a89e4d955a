using System.Diagnostics;

namespace NetProg.Accounts.Tests.Stores;

/// <summary>How <c>--db</c> reaches PostgreSQL, and what a user reads when it cannot.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionTests(PostgresServer server)
{
    [Fact]
    public async Task Should_report_a_refused_connection_in_one_line_naming_host_and_port()
    {
        // Given a loopback port nobody listens on
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        // When
        var error = await Assert.ThrowsAsync<AccountException>(
            () => AccountStores.OpenAsync($"Host=127.0.0.1;Port={port};Username=netprog;Password=s3cret").WaitAsync(Waits.Slow));

        // Then
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal(
            $"cannot reach PostgreSQL at 127.0.0.1:{port} (connection refused): check that the server runs and listens there (listen_addresses, port)",
            error.Message);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_give_up_on_a_silent_server_within_the_connect_timeout()
    {
        // Given something that accepts TCP connections and never says a word (a wrong port, a hung server)
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 8);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        // When, with a connection string that asks for far longer than the store allows
        var error = await Assert.ThrowsAsync<AccountException>(
            () => AccountStores.OpenAsync($"Host=127.0.0.1;Port={port};Username=netprog;Timeout=60", new AccountStoreOptions { ConnectTimeout = TimeSpan.FromSeconds(1) })
                .WaitAsync(Waits.Slow));

        // Then the store's limit won, and the message says what happened
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal($"no answer from PostgreSQL at 127.0.0.1:{port} within 1 s: check the address, and that no firewall drops the packets", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Should_name_a_missing_database()
    {
        // Given the running server, When opening a database that does not exist
        var db = server.ConnectionString("postgres").Replace("Database=postgres", "Database=no_such_db", StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<AccountException>(() => AccountStores.OpenAsync(db));

        // Then
        Assert.Equal(AccountErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal($"PostgreSQL at 127.0.0.1:{server.Port} has no database 'no_such_db': create it (createdb no_such_db) or fix Database= in --db", error.Message);
    }

    [Fact]
    public async Task Should_open_a_postgres_uri_and_share_its_accounts_with_a_keyword_connection_string()
    {
        // Given one database named two ways
        var keywords = await server.CreateDatabaseAsync();
        var database = keywords.Split(';').Single(part => part.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        var uri = $"postgresql://postgres@127.0.0.1:{server.Port}/{database}?sslmode=disable&application_name=netprog-test";

        // When
        await using var byUri = await AccountStores.OpenAsync(uri);
        await using var byKeywords = await AccountStores.OpenAsync(keywords);
        await byUri.AddAsync("uri-user", await CheapHashes.HashAsync("pw"));

        // Then
        Assert.Equal($"PostgreSQL 127.0.0.1:{server.Port}/{database}", byUri.Description);
        Assert.NotNull(await byKeywords.FindAsync("uri-user"));
    }
}
