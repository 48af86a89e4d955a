using NetProg.Accounts.Internal;

namespace NetProg.Accounts;

/// <summary>
/// Opens the account store that <c>--db</c> names. Which one:
/// <list type="number">
/// <item>the <c>--db</c> value, when given (an empty one is an error, not "use the default");</item>
/// <item>else the <c>NETPROG_DB</c> environment variable, when set and not empty (the command line reads it and passes it as
/// <see cref="AccountStoreOptions.EnvironmentDb"/>);</item>
/// <item>else the SQLite file <c>accounts.db</c> in <c>netprog/</c> under the per-user local application-data folder
/// (<c>~/.local/share</c> or <c>$XDG_DATA_HOME</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows), creating that folder.</item>
/// </list>
/// A value starting with <c>postgres://</c> or <c>postgresql://</c> (a libpq URI), or holding a <c>Host=</c> / <c>Server=</c> keyword
/// at its start or after a <c>;</c> (an Npgsql connection string such as <c>Host=db;Username=netprog;Password=...;Database=netprog</c>),
/// is PostgreSQL; any other value is an SQLite file path. Opening creates or migrates the schema; a missing SQLite file is
/// created, or, with <see cref="AccountStoreMode.MustExist"/>, reported as <see cref="AccountErrorKind.StoreMissing"/>. Only the
/// default file's folder is ever created (<see cref="AccountStoreMode"/>).
/// </summary>
public static class AccountStores
{
    public const string EnvironmentVariable = "NETPROG_DB";

    /// <exception cref="AccountException">
    /// <see cref="AccountErrorKind.InvalidLocation"/> for a value that cannot be read; <see cref="AccountErrorKind.StoreUnavailable"/>
    /// when the database cannot be opened, reached (within <see cref="AccountStoreOptions.ConnectTimeout"/>) or migrated;
    /// <see cref="AccountErrorKind.StoreMissing"/> for a missing SQLite file that must exist.
    /// </exception>
    public static Task<IAccountStore> OpenAsync(string? dbArgument, AccountStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AccountStoreOptions();
        var environmentDb = options.EnvironmentDb;
        var location = AccountStoreLocation.Resolve(
            dbArgument,
            name => name == EnvironmentVariable ? environmentDb : null,
            () => Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));
        return OpenAsync(location, options, cancellationToken);
    }

    internal static Task<IAccountStore> OpenAsync(AccountStoreLocation location, AccountStoreOptions options, CancellationToken cancellationToken)
    {
        // An if, not a ternary: CA2000 reads a disposable returned from a branch of one as lost (as in dotnet/roslyn-analyzers#3873).
        if (location.Kind == StoreKind.PostgreSql)
        {
            return PostgresAccountStore.OpenAsync(location, options, cancellationToken);
        }

        return SqliteAccountStore.OpenAsync(location, options, cancellationToken);
    }
}
