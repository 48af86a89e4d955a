using Microsoft.Extensions.Logging;

namespace NetProg.Services.Hosting;

/// <summary>Service log events with stable IDs (2xx). The per-client line is Information: <c>--quiet</c> hides it.</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(201, LogLevel.Information, "{Service}/{Protocol} {Remote}: {BytesIn} B in, {BytesOut} B out, {DurationMs:0.###} ms{Note}")]
    public static partial void ClientServed(ILogger logger, string service, string protocol, string remote, long bytesIn, long bytesOut, double durationMs, string note);

    [LoggerMessage(202, LogLevel.Warning, "{Service}/tcp {Remote}: turned away, {Active} connections already open (--max-connections)")]
    public static partial void ConnectionRejected(ILogger logger, string service, string remote, int active);

    [LoggerMessage(205, LogLevel.Warning, "{Service}/tcp {Remote}: turned away, {Max} connections already open from this address (--max-per-address)")]
    public static partial void AddressFull(ILogger logger, string service, string remote, int max);

    [LoggerMessage(203, LogLevel.Warning, "{Service}/udp {Remote}: datagrams not answered: {Reason} (counted; logged again at most once a minute per address)")]
    public static partial void DatagramDropped(ILogger logger, string service, string remote, string reason);

    [LoggerMessage(204, LogLevel.Warning, "{Service}/udp {Remote}: {Count} datagrams not answered in the last {Minutes:0.#} min: {Reason}")]
    public static partial void DatagramsDropped(ILogger logger, string service, string remote, long count, double minutes, string reason);
}
