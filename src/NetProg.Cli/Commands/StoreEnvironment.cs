using NetProg.Accounts;
using NetProg.Cli.Rendering;

namespace NetProg.Cli.Commands;

/// <summary>
/// Reads <c>NETPROG_DB</c> for the account store: the command line is the one place that reads the environment. Also where a
/// store file others can reach is put into words.
/// </summary>
internal static class StoreEnvironment
{
    /// <param name="warn">Takes each warning about the store file, as one line in the user's language (no prefix).</param>
    public static AccountStoreOptions Options(AccountStoreOptions options, Action<string> warn) =>
        options with
        {
            EnvironmentDb = Environment.GetEnvironmentVariable(AccountStores.EnvironmentVariable),
            FileWarning = warning => warn(StoreFileText.Describe(warning)),
        };
}
