using Microsoft.Extensions.Logging;

namespace NetProg.Transport.Internal;

/// <summary>Transport log events with stable IDs (1xx). Per-connection events are Debug; nothing is logged per read.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(101, LogLevel.Warning, "accept on {Listener} failed: {Error}; retrying")]
    public static partial void AcceptFailed(ILogger logger, string listener, SocketError error);

    [LoggerMessage(102, LogLevel.Debug, "connection from {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(103, LogLevel.Warning, "stopping: {Count} connection(s) still open after {Timeout}; closing them")]
    public static partial void ShutdownAborting(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(104, LogLevel.Error, "a connection callback failed")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(111, LogLevel.Error, "a datagram from {Remote} made the service fail; it was not answered")]
    public static partial void HandlerFailed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(110, LogLevel.Debug, "datagram from {Remote} failed: {Error}")]
    public static partial void DatagramFailed(ILogger logger, string remote, SocketError error);
}
