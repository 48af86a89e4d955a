namespace NetProg.Transport;

/// <summary>
/// The one place where OS socket errors become a <see cref="SocketErrorKind"/>. Each branch names the OS behaviour it covers,
/// in the manner of Kestrel's <c>IsConnectionResetError</c>/<c>IsConnectionAbortError</c> predicates.
/// </summary>
public static class SocketErrors
{
    public static SocketErrorKind Classify(Exception exception) => exception switch
    {
        NetworkException n => n.Kind,
        SocketException s => Classify(s.SocketErrorCode),
        IOException { InnerException: SocketException inner } => Classify(inner.SocketErrorCode),
        // TimeoutException / OperationCanceledException from our own deadlines mean "no answer in time".
        TimeoutException => SocketErrorKind.TimedOut,
        _ => SocketErrorKind.Other,
    };

    public static SocketErrorKind Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => SocketErrorKind.ConnectionRefused,
        SocketError.TimedOut => SocketErrorKind.TimedOut,
        // EHOSTDOWN is what Linux reports after ARP gets no answer on the local link.
        SocketError.HostUnreachable or SocketError.HostDown => SocketErrorKind.HostUnreachable,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => SocketErrorKind.NetworkUnreachable,
        // EPIPE surfaces as Shutdown on Unix when writing after the peer reset.
        SocketError.ConnectionReset or SocketError.Shutdown => SocketErrorKind.ConnectionReset,
        // "A connection reset can be reported as SocketError.ConnectionAborted on Windows" (Kestrel SocketConnection).
        SocketError.ConnectionAborted or SocketError.OperationAborted => SocketErrorKind.ConnectionAborted,
        SocketError.AddressAlreadyInUse => SocketErrorKind.AddressInUse,
        SocketError.AddressNotAvailable => SocketErrorKind.AddressNotAvailable,
        SocketError.AccessDenied => SocketErrorKind.AccessDenied,
        // TryAgain is the resolver's "server failure / no answer"; NoData is "the name exists but has no address".
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain or SocketError.NoRecovery => SocketErrorKind.HostNotFound,
        SocketError.AddressFamilyNotSupported or SocketError.ProtocolFamilyNotSupported => SocketErrorKind.AddressFamilyNotSupported,
        SocketError.MessageSize => SocketErrorKind.MessageTooLong,
        _ => SocketErrorKind.Other,
    };

    /// <summary>
    /// Errors that only mean "this connection is over": the peer went away. A server logs them at Debug and carries on.
    /// </summary>
    public static bool IsConnectionGone(Exception exception)
    {
        if (exception is ObjectDisposedException or OperationCanceledException)
        {
            return true;
        }

        var kind = Classify(exception);
        // "Calling Dispose after ReceiveAsync can cause an InvalidArgument error on *nix" (Kestrel SocketConnection).
        return kind is SocketErrorKind.ConnectionReset or SocketErrorKind.ConnectionAborted
            || exception is SocketException { SocketErrorCode: SocketError.InvalidArgument or SocketError.NotConnected };
    }
}
