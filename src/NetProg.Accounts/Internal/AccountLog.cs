using Microsoft.Extensions.Logging;

namespace NetProg.Accounts.Internal;

/// <summary>Account store log events with stable IDs (5xx; 4xx are the login service's). Nothing per login: that is the service's log.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(501, LogLevel.Information, "{Store}: schema migrated from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, string store, int from, int to);

    [LoggerMessage(502, LogLevel.Warning, "{Store}: journal mode is {Mode}, not WAL (the file system may not support shared memory); readers will wait for writers")]
    public static partial void WalUnavailable(ILogger logger, string store, string mode);
}
