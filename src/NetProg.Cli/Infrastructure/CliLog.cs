using Microsoft.Extensions.Logging;

namespace NetProg.Cli.Infrastructure;

/// <summary>CLI log events with stable IDs (3xx).</summary>
internal static partial class CliLog
{
    [LoggerMessage(301, LogLevel.Warning, "the UDP loop guard is off: datagrams from any source port are answered, which lets two echo-like services bounce a datagram forever (CVE-1999-0103)")]
    public static partial void LoopGuardOff(ILogger logger);

    [LoggerMessage(302, LogLevel.Information, "stopping: finishing what is in flight")]
    public static partial void Stopping(ILogger logger);
}
