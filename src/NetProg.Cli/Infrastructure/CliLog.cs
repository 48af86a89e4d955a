using Microsoft.Extensions.Logging;

namespace NetProg.Cli.Infrastructure;

/// <summary>CLI log events with stable IDs (3xx).</summary>
internal static partial class CliLog
{
    [LoggerMessage(301, LogLevel.Warning, "the UDP loop guard is off: datagrams from any source port are answered, which lets two echo-like services bounce a datagram forever (CVE-1999-0103)")]
    public static partial void LoopGuardOff(ILogger logger);

    [LoggerMessage(302, LogLevel.Information, "stopping: finishing what is in flight")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(303, LogLevel.Warning, "no --tls: user names and passwords cross the network in clear text (anyone on the path can read them with Wireshark). Add --tls, or --bind 127.0.0.1 for this machine only")]
    public static partial void PasswordsInClear(ILogger logger);

    [LoggerMessage(304, LogLevel.Warning, "forwarding for anyone: any host that reaches this machine (from the Internet too, if the router forwards the port) can use the relay. Add --allow CIDR (e.g. --allow 192.168.0.0/16), or --listen 127.0.0.1:PORTS for this machine only")]
    public static partial void ForwardOpenToEveryone(ILogger logger);

    // The words are the CLI's resource (English or Korean), made by Rendering/StoreFileText: the template only carries them.
    [LoggerMessage(305, LogLevel.Warning, "{Warning}")]
    public static partial void StoreFileExposed(ILogger logger, string warning);
}
