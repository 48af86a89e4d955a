namespace NetProg.Transport;

/// <summary>
/// A network operation failed in a way the user has to hear about: what was attempted (<see cref="Operation"/>), where
/// (<see cref="Host"/>, <see cref="EndPoint"/>, <see cref="Protocol"/>) and why (<see cref="Kind"/>). The CLI renders it as one line.
/// </summary>
public sealed class NetworkException : Exception
{
    public NetworkException(
        SocketErrorKind kind,
        NetworkOperation operation,
        TransportProtocol protocol,
        IPEndPoint? endPoint,
        string? host = null,
        string? detail = null,
        Exception? innerException = null)
        : base(detail ?? innerException?.Message ?? kind.ToString(), innerException)
    {
        Kind = kind;
        Operation = operation;
        Protocol = protocol;
        EndPoint = endPoint;
        Host = host;
        Detail = detail;
    }

    public SocketErrorKind Kind { get; }

    public NetworkOperation Operation { get; }

    public TransportProtocol Protocol { get; }

    /// <summary>The address and port involved; for a failed resolve, null.</summary>
    public IPEndPoint? EndPoint { get; }

    /// <summary>The name the user typed, when there was one.</summary>
    public string? Host { get; }

    /// <summary>Extra words for the user (e.g. every address that was tried).</summary>
    public string? Detail { get; }

    /// <summary>The OS error code, when there was one (for a bug report).</summary>
    public SocketError? SocketError => (InnerException as SocketException)?.SocketErrorCode;

    public static NetworkException From(Exception e, NetworkOperation operation, TransportProtocol protocol, IPEndPoint? endPoint, string? host = null) =>
        e as NetworkException ?? new NetworkException(SocketErrors.Classify(e), operation, protocol, endPoint, host, null, e);
}
