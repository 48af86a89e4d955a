using System.Text.RegularExpressions;
using Npgsql;

namespace NetProg.Accounts.Internal;

/// <summary>
/// Which database a <c>--db</c> / <c>NETPROG_DB</c> value names. The rule (documented for users in <see cref="AccountStores"/>):
/// <list type="bullet">
/// <item><c>postgres://</c> or <c>postgresql://</c> (any case): a libpq-style URI, PostgreSQL;</item>
/// <item>a <c>Host=</c> or <c>Server=</c> keyword at the start or after a <c>;</c> (any case): an Npgsql connection string;</item>
/// <item>anything else: an SQLite file path, relative to the current folder.</item>
/// </list>
/// A path such as <c>/tmp/Host=1/a.db</c> stays a path, because there the keyword neither starts the value nor follows a <c>;</c>.
/// </summary>
/// <param name="Target">The full SQLite path, or an Npgsql keyword connection string.</param>
/// <param name="Description">For people, without any password.</param>
/// <param name="IsDefault">The per-user default file, whose folder the store may create.</param>
internal sealed partial record AccountStoreLocation(StoreKind Kind, string Target, string Description, bool IsDefault)
{
    /// <summary>null → <c>NETPROG_DB</c> (empty counts as unset) → the per-user default file.</summary>
    public static AccountStoreLocation Resolve(string? dbArgument, Func<string, string?> getEnvironmentVariable, Func<string> localApplicationDataFolder)
    {
        if (dbArgument is not null)
        {
            if (string.IsNullOrWhiteSpace(dbArgument))
            {
                // An empty --db is most likely an unset shell variable; silently using the default store would hide that.
                throw new AccountException(AccountErrorKind.InvalidLocation, Strings.EmptyDb);
            }

            return Parse(dbArgument);
        }

        var fromEnvironment = getEnvironmentVariable(AccountStores.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Parse(fromEnvironment);
        }

        var folder = localApplicationDataFolder();
        if (string.IsNullOrEmpty(folder))
        {
            throw new AccountException(
                AccountErrorKind.InvalidLocation,
                string.Format(Strings.NoDataFolder, AccountStores.EnvironmentVariable));
        }

        var path = Path.Combine(folder, "netprog", "accounts.db");
        return new AccountStoreLocation(StoreKind.Sqlite, path, $"SQLite {path}", IsDefault: true);
    }

    public static AccountStoreLocation Parse(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return ForPostgres(PostgresUri.ToBuilder(trimmed));
        }

        if (HostKeyword().IsMatch(trimmed))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(trimmed);
            }
            catch (ArgumentException e)
            {
                // Npgsql names the offending keyword, never a value, so the message cannot leak a password.
                throw new AccountException(AccountErrorKind.InvalidLocation, string.Format(Strings.InvalidConnectionString, OneLine(e.Message)), null, e);
            }

            return ForPostgres(builder);
        }

        var path = Path.GetFullPath(value);
        return new AccountStoreLocation(StoreKind.Sqlite, path, $"SQLite {path}", IsDefault: false);
    }

    private static AccountStoreLocation ForPostgres(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new AccountException(AccountErrorKind.InvalidLocation, Strings.NoHost);
        }

        return new AccountStoreLocation(StoreKind.PostgreSql, builder.ConnectionString, $"PostgreSQL {Endpoint(builder)}/{builder.Database ?? builder.Username ?? "postgres"}", IsDefault: false);
    }

    /// <summary><c>host:port</c> as people write it.</summary>
    public static string Endpoint(NpgsqlConnectionStringBuilder builder) => $"{builder.Host}:{builder.Port}";

    internal static string OneLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKeyword();
}
