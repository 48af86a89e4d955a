using Npgsql;
using NetProg.Accounts.Internal;

namespace NetProg.Accounts.Tests.Stores;

/// <summary>Which database a <c>--db</c> / <c>NETPROG_DB</c> value names (no database is opened here).</summary>
public sealed class StoreLocationTests
{
    private static readonly Func<string> NoHome = () => throw new InvalidOperationException("the default must not be consulted");

    [Fact]
    public void Should_prefer_the_db_argument_to_the_environment()
    {
        // Given both, When resolving, Then --db wins
        var location = AccountStoreLocation.Resolve("/srv/a.db", _ => "/srv/b.db", NoHome);

        Assert.Equal(new AccountStoreLocation(StoreKind.Sqlite, "/srv/a.db", "SQLite /srv/a.db", IsDefault: false), location);
    }

    [Fact]
    public void Should_use_NETPROG_DB_without_an_argument()
    {
        // Given only the environment variable
        var location = AccountStoreLocation.Resolve(null, name => name == "NETPROG_DB" ? "/srv/b.db" : null, NoHome);

        // Then
        Assert.Equal("/srv/b.db", location.Target);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Should_fall_back_to_accounts_db_in_the_per_user_folder(string? environment)
    {
        // Given no argument, and NETPROG_DB unset or empty
        var location = AccountStoreLocation.Resolve(null, _ => environment, () => "/home/u/.local/share");

        // Then
        Assert.Equal(new AccountStoreLocation(StoreKind.Sqlite, "/home/u/.local/share/netprog/accounts.db", "SQLite /home/u/.local/share/netprog/accounts.db", IsDefault: true), location);
    }

    [Fact]
    public void Should_refuse_an_empty_db_argument_rather_than_use_the_default()
    {
        // Given `--db ""` (an unset shell variable, most likely)
        var error = Assert.Throws<AccountException>(() => AccountStoreLocation.Resolve(" ", _ => null, NoHome));

        // Then
        Assert.Equal(AccountErrorKind.InvalidLocation, error.Kind);
        Assert.Equal("--db is empty: give an SQLite file path or a PostgreSQL connection string", error.Message);
    }

    [Fact]
    public void Should_explain_when_there_is_no_per_user_folder()
    {
        // Given no HOME (GetFolderPath answers "")
        var error = Assert.Throws<AccountException>(() => AccountStoreLocation.Resolve(null, _ => null, () => ""));

        // Then
        Assert.Equal(AccountErrorKind.InvalidLocation, error.Kind);
        Assert.Contains("--db PATH or NETPROG_DB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Username=netprog;Password=pw;Database=netprog")]
    [InlineData("host = db.example")]
    [InlineData("Server=db.example;Port=6432")]
    [InlineData("Username=netprog;Host=db.example")]
    [InlineData("postgres://db.example/netprog")]
    [InlineData("POSTGRESQL://netprog:pw@db.example:6432/netprog")]
    public void Should_recognise_PostgreSQL(string value)
    {
        Assert.Equal(StoreKind.PostgreSql, AccountStoreLocation.Parse(value).Kind);
    }

    [Theory]
    [InlineData("accounts.db")]
    [InlineData("/tmp/Host=1/accounts.db")]
    [InlineData("./postgres.db")]
    [InlineData("postgres:/not-a-uri.db")]
    public void Should_take_anything_else_as_an_SQLite_path(string value)
    {
        // Given a value without a postgres:// scheme or a leading Host= keyword
        var location = AccountStoreLocation.Parse(value);

        // Then it is a file, made absolute against the current folder
        Assert.Equal(StoreKind.Sqlite, location.Kind);
        Assert.Equal(Path.GetFullPath(value), location.Target);
    }

    [Fact]
    public void Should_translate_a_postgres_uri_into_Npgsql_keywords()
    {
        // Given a URI with an escaped password and libpq parameters
        var location = AccountStoreLocation.Parse("postgres://net%40prog:p%40ss%3Aw0rd@db.example:6432/accounts?sslmode=verify-full&connect_timeout=3&application_name=edu");

        // Then
        var builder = new NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6432, builder.Port);
        Assert.Equal("net@prog", builder.Username);
        Assert.Equal("p@ss:w0rd", builder.Password);
        Assert.Equal("accounts", builder.Database);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal(3, builder.Timeout);
        Assert.Equal("edu", builder.ApplicationName);
        Assert.Equal("PostgreSQL db.example:6432/accounts", location.Description);
    }

    [Fact]
    public void Should_default_a_uri_to_port_5432()
    {
        var builder = new NpgsqlConnectionStringBuilder(AccountStoreLocation.Parse("postgres://[::1]/netprog").Target);

        Assert.Equal("::1", builder.Host);
        Assert.Equal(5432, builder.Port);
    }

    [Theory]
    [InlineData("postgres://u:topsecret@h/db?target_session_attrs=any", "parameter 'target_session_attrs' is not supported here")]
    [InlineData("postgres://u:topsecret@h/db?sslmode=maybe", "sslmode=maybe is not one of")]
    [InlineData("postgres://u:topsecret@h:99999/db", "invalid postgres:// URI: ")]
    public void Should_refuse_what_it_cannot_honour_without_echoing_the_password(string uri, string expected)
    {
        // Given a URI with something the store would otherwise have to drop silently
        var error = Assert.Throws<AccountException>(() => AccountStoreLocation.Parse(uri));

        // Then
        Assert.Equal(AccountErrorKind.InvalidLocation, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_an_unknown_connection_string_keyword()
    {
        var error = Assert.Throws<AccountException>(() => AccountStoreLocation.Parse("Host=h;Pasword=topsecret"));

        Assert.Equal(AccountErrorKind.InvalidLocation, error.Kind);
        Assert.StartsWith("invalid PostgreSQL connection string: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_describe_PostgreSQL_without_the_password()
    {
        var location = AccountStoreLocation.Parse("Host=db;Username=u;Password=topsecret;Database=acc");

        Assert.Equal("PostgreSQL db:5432/acc", location.Description);
    }
}
