using Microsoft.Extensions.Logging;

namespace NetProg.Services.Forward;

/// <summary>Forwarder log events with stable IDs (6xx). The per-connection line is Information: <c>--quiet</c> hides it.</summary>
internal static partial class ForwardLog
{
    [LoggerMessage(601, LogLevel.Information, "forward/{Protocol} {Client} -> {Forwarder} -> {Target}: {ToTarget} to target, {ToClient} to client, {DurationMs:0.###} ms, {End}")]
    public static partial void Relayed(ILogger logger, string protocol, string client, string forwarder, string target, string toTarget, string toClient, double durationMs, string end);

    [LoggerMessage(609, LogLevel.Information, "forward/udp {Client} -> {Forwarder} -> {Target}: session opened; its totals follow when it ends ({TimeoutSeconds:0.###} s of silence)")]
    public static partial void SessionOpened(ILogger logger, string client, string forwarder, string target, double timeoutSeconds);

    [LoggerMessage(602, LogLevel.Warning, "forward/{Protocol} {Client}: refused, not in --allow {Allow} (logged again at most once a minute per address)")]
    public static partial void NotAllowed(ILogger logger, string protocol, string client, string allow);

    [LoggerMessage(612, LogLevel.Warning, "forward/{Protocol}: {Count} more refused, not in --allow, from addresses not named in the last {Seconds:0} s (at most {Capacity} are named a minute)")]
    public static partial void RefusedNotNamed(ILogger logger, string protocol, long count, double seconds, int capacity);

    [LoggerMessage(603, LogLevel.Warning, "forward/tcp {Client}: turned away, {Active} connections already open (--max-connections)")]
    public static partial void ConnectionRejected(ILogger logger, string client, int active);

    [LoggerMessage(610, LogLevel.Warning, "forward/tcp {Client}: turned away, {Max} connections already open from this address (--max-per-address)")]
    public static partial void AddressFull(ILogger logger, string client, int max);

    [LoggerMessage(611, LogLevel.Warning, "forward/udp {Client}: datagrams dropped, {Max} UDP sessions already open from this address (--max-per-address); more drops are not logged until a session ends")]
    public static partial void SessionsPerAddressFull(ILogger logger, string client, int max);

    [LoggerMessage(604, LogLevel.Warning, "forward/udp {Client}: datagrams dropped, {Active} UDP sessions already open (--max-connections); more drops are not logged until one expires")]
    public static partial void SessionTableFull(ILogger logger, string client, int active);


    [LoggerMessage(606, LogLevel.Debug, "forward/udp {Remote}: {Error}")]
    public static partial void DatagramFailed(ILogger logger, string remote, System.Net.Sockets.SocketError error);


    [LoggerMessage(608, LogLevel.Error, "a relay callback failed")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);
}
