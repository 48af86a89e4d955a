namespace NetProg.Transport.Tests;

public sealed class SocketErrorsTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, SocketErrorKind.ConnectionRefused)]
    [InlineData(SocketError.TimedOut, SocketErrorKind.TimedOut)]
    [InlineData(SocketError.HostUnreachable, SocketErrorKind.HostUnreachable)]
    [InlineData(SocketError.HostDown, SocketErrorKind.HostUnreachable)]
    [InlineData(SocketError.NetworkUnreachable, SocketErrorKind.NetworkUnreachable)]
    [InlineData(SocketError.NetworkDown, SocketErrorKind.NetworkUnreachable)]
    [InlineData(SocketError.ConnectionReset, SocketErrorKind.ConnectionReset)]
    [InlineData(SocketError.Shutdown, SocketErrorKind.ConnectionReset)]
    [InlineData(SocketError.ConnectionAborted, SocketErrorKind.ConnectionAborted)]
    [InlineData(SocketError.OperationAborted, SocketErrorKind.ConnectionAborted)]
    [InlineData(SocketError.AddressAlreadyInUse, SocketErrorKind.AddressInUse)]
    [InlineData(SocketError.AddressNotAvailable, SocketErrorKind.AddressNotAvailable)]
    [InlineData(SocketError.AccessDenied, SocketErrorKind.AccessDenied)]
    [InlineData(SocketError.HostNotFound, SocketErrorKind.HostNotFound)]
    [InlineData(SocketError.NoData, SocketErrorKind.HostNotFound)]
    [InlineData(SocketError.TryAgain, SocketErrorKind.HostNotFound)]
    [InlineData(SocketError.NoRecovery, SocketErrorKind.HostNotFound)]
    [InlineData(SocketError.AddressFamilyNotSupported, SocketErrorKind.AddressFamilyNotSupported)]
    [InlineData(SocketError.ProtocolFamilyNotSupported, SocketErrorKind.AddressFamilyNotSupported)]
    [InlineData(SocketError.MessageSize, SocketErrorKind.MessageTooLong)]
    [InlineData(SocketError.WouldBlock, SocketErrorKind.Other)]
    [InlineData(SocketError.InvalidArgument, SocketErrorKind.Other)]
    public void Should_classify_each_OS_socket_error_once(SocketError error, SocketErrorKind expected)
    {
        // Given an OS error code, bare and wrapped as .NET surfaces it (SocketException; IOException from a NetworkStream)
        var exception = new SocketException((int)error);
        var wrapped = new IOException("stream failed", exception);

        // When it is classified
        var kinds = new[] { SocketErrors.Classify(error), SocketErrors.Classify(exception), SocketErrors.Classify(wrapped) };

        // Then every form gets the same class
        Assert.All(kinds, kind => Assert.Equal(expected, kind));
    }

    [Fact]
    public void Should_classify_our_own_deadlines_and_keep_an_already_classified_error()
    {
        // Given a timeout of ours, an already classified error, and an unrelated exception
        var timeout = new TimeoutException();
        var classified = new NetworkException(SocketErrorKind.AccessDenied, NetworkOperation.Bind, TransportProtocol.Udp, null);
        var unrelated = new InvalidOperationException();

        // When they are classified
        // Then a deadline is "timed out", a NetworkException keeps its kind, anything else is Other
        Assert.Equal(SocketErrorKind.TimedOut, SocketErrors.Classify(timeout));
        Assert.Equal(SocketErrorKind.AccessDenied, SocketErrors.Classify(classified));
        Assert.Equal(SocketErrorKind.Other, SocketErrors.Classify(unrelated));
    }

    [Theory]
    [InlineData(SocketError.ConnectionReset, true)]
    [InlineData(SocketError.ConnectionAborted, true)]
    [InlineData(SocketError.Shutdown, true)]
    [InlineData(SocketError.InvalidArgument, true)]
    [InlineData(SocketError.NotConnected, true)]
    [InlineData(SocketError.ConnectionRefused, false)]
    [InlineData(SocketError.AddressAlreadyInUse, false)]
    public void Should_tell_a_vanished_peer_from_a_real_failure(SocketError error, bool gone)
    {
        // Given a socket error on an established connection
        var exception = new SocketException((int)error);

        // When the server asks whether it only means "this connection is over"
        // Then resets, aborts and the *nix after-dispose errors are; the rest are not
        Assert.Equal(gone, SocketErrors.IsConnectionGone(exception));
    }
}
