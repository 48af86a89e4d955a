using NetProg.Protocols.Time;
using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>Asks a time server for the time, over TCP (read until the server closes) or UDP (one datagram each way).</summary>
public static class TimeClient
{
    /// <summary>Bytes read at most from a TCP time server: every time format is a few dozen bytes.</summary>
    public const int MaxReplyBytes = 1024;

    public static async Task<TimeQueryResult> QueryAsync(string host, int port, bool udp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await SocketWarmUp.RunAsync(cancellationToken).ConfigureAwait(false);
        return udp
            ? await QueryUdpAsync(host, port, timeout, cancellationToken).ConfigureAwait(false)
            : await QueryTcpAsync(host, port, timeout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TimeQueryResult> QueryTcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var connection = await TcpConnector.ConnectAsync(host, port, timeout, cancellationToken).ConfigureAwait(false);
        var connectStartedAt = DateTimeOffset.UtcNow - connection.ConnectTime;
        var buffer = new byte[MaxReplyBytes];
        var length = 0;
        DateTimeOffset? firstByteAt = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Read until the server closes: the course's client does a single recv(), which works only because the server
            // sends in one write; we do not rely on that.
            while (length < buffer.Length)
            {
                var received = await connection.Socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                firstByteAt ??= DateTimeOffset.UtcNow;
                length += received;
                if (buffer.AsSpan(0, length).Contains((byte)'\n') && ForeignReply.Of(buffer.AsSpan(0, length), ReadOnlySpan<byte>.Empty).Kind == ForeignReplyKind.LoginReply)
                {
                    // The login server's greeting: it waits for a login and would not close, so do not wait for the timeout.
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (length == 0)
            {
                // Accepted, and then silence: a time server sends at once, an echo server waits for data to echo.
                throw new WrongServiceException(
                    ExpectedService.Time, new ForeignReply(ForeignReplyKind.Empty, string.Empty, 0), EndPointText.Normalize(connection.RemoteEndPoint), TransportProtocol.Tcp)
                {
                    Silence = timeout,
                };
            }

            // Some bytes came but no close: show what came.
        }
        catch (SocketException e)
        {
            if (length == 0)
            {
                throw NetworkException.From(e, NetworkOperation.Receive, TransportProtocol.Tcp, connection.RemoteEndPoint, host);
            }
        }

        // The server stamped the time after our SYN reached it and before its first byte left: somewhere in the window from
        // the start of connect() to that byte, which is longer than the handshake's round trip when the server takes its
        // time to accept or write. The middle of the window is the best guess, half of it the uncertainty.
        var window = (firstByteAt ?? DateTimeOffset.UtcNow) - connectStartedAt;
        var stampedAt = connectStartedAt + (window / 2);
        return Result(buffer.AsSpan(0, length), stampedAt, connection.ConnectTime, window, connection.RemoteEndPoint, TransportProtocol.Tcp, connection.FailedAttempts, 1);
    }

    private static async Task<TimeQueryResult> QueryUdpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // RFC 868 asks for an empty datagram; RFC 867 and the course's server answer any datagram, empty included.
        var (socket, reply) = await UdpClientSocket.OpenAsync(host, port, ReadOnlyMemory<byte>.Empty, timeout, accept: null, cancellationToken).ConfigureAwait(false);
        using (socket)
        {
            if (reply.Data.Length == 0)
            {
                // Our request was an empty datagram: an empty reply is that datagram echoed, not a time.
                throw new WrongServiceException(ExpectedService.Time, ForeignReply.Of(reply.Data, ReadOnlySpan<byte>.Empty), EndPointText.Normalize(socket.RemoteEndPoint), TransportProtocol.Udp);
            }

            var stampedAt = reply.SentAt + (reply.RoundTrip / 2);
            return Result(reply.Data, stampedAt, reply.RoundTrip, reply.RoundTrip, socket.RemoteEndPoint, TransportProtocol.Udp, socket.FailedAttempts, reply.Transmissions);
        }
    }

    private static TimeQueryResult Result(
        ReadOnlySpan<byte> data, DateTimeOffset stampedAt, TimeSpan roundTrip, TimeSpan window, System.Net.IPEndPoint server, TransportProtocol protocol,
        IReadOnlyList<ConnectAttempt> failures, int transmissions)
    {
        var reply = TimeReplyParser.Parse(data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
        if (reply.Kind == TimeReplyKind.Text && ForeignReply.Of(data, ReadOnlySpan<byte>.Empty) is { Kind: ForeignReplyKind.LoginReply } login)
        {
            // The echo server with login greets every connection with "220 ...": it is no time server.
            throw new WrongServiceException(ExpectedService.Time, login, EndPointText.Normalize(server), protocol);
        }

        TimeSpan? offset = null;
        var uncertainty = window / 2 + reply.Resolution / 2;
        if (reply.Time is { } serverTime)
        {
            // A 1 s text was truncated: the true instant is, on average, half a resolution later.
            offset = serverTime + (reply.Resolution / 2) - stampedAt;
        }

        return new TimeQueryResult(reply, data.Length, EndPointText.Normalize(server), protocol, roundTrip, offset, uncertainty, failures, transmissions);
    }
}
