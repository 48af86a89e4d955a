using Microsoft.Extensions.Logging;

namespace NetProg.Accounts.Internal;

/// <summary>Account store log events with stable IDs (5xx; 4xx are the login service's). Nothing per login: that is the service's log.</summary>
internal static partial class AccountLog
{
    // Debug: a new store is migrated from version 0 on its first use, which is routine (the lab's first run printed it as its
    // first line, before anything a student was looking for). A failed migration is an AccountException, never only a log line.
    [LoggerMessage(501, LogLevel.Debug, "{Store}: schema migrated from version {From} to {To}")]
    public static partial void SchemaMigrated(ILogger logger, string store, int from, int to);

    [LoggerMessage(502, LogLevel.Warning, "{Store}: journal mode is {Mode}, not WAL (the file system may not support shared memory); readers will wait for writers")]
    public static partial void WalUnavailable(ILogger logger, string store, string mode);
}
