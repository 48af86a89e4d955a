using NetProg.Accounts;

namespace NetProg.Cli.Commands;

/// <summary>Reads <c>NETPROG_DB</c> for the account store: the command line is the one place that reads the environment.</summary>
internal static class StoreEnvironment
{
    public static AccountStoreOptions Options(AccountStoreOptions options) =>
        options with { EnvironmentDb = Environment.GetEnvironmentVariable(AccountStores.EnvironmentVariable) };
}
