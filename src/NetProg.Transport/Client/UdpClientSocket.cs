namespace NetProg.Transport.Client;

/// <summary>
/// A connected UDP socket for request/reply exchanges. Connected on purpose: then the kernel only delivers datagrams from that
/// peer, and an ICMP port unreachable comes back as ECONNREFUSED ("nothing listens there") instead of silence
/// (udp(7), ECONNREFUSED; nmap/nmap#1029).
/// </summary>
public sealed class UdpClientSocket : IDisposable
{
    /// <summary>How many times a request is sent before giving up, spread over the timeout: UDP does not retransmit for us.</summary>
    public const int Transmissions = 3;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];

    private UdpClientSocket(Socket socket, IPEndPoint remote, IReadOnlyList<ConnectAttempt> failures)
    {
        _socket = socket;
        RemoteEndPoint = remote;
        FailedAttempts = failures;
    }

    public IPEndPoint RemoteEndPoint { get; }

    public IReadOnlyList<ConnectAttempt> FailedAttempts { get; }

    /// <summary>
    /// Sends <paramref name="firstRequest"/> to each address of <paramref name="host"/> in turn until one answers, and keeps
    /// the socket for that address.
    /// </summary>
    public static async Task<(UdpClientSocket Socket, UdpReply Reply)> OpenAsync(
        string host, int port, ReadOnlyMemory<byte> firstRequest, TimeSpan timeout, Func<ReadOnlyMemory<byte>, bool>? accept, CancellationToken cancellationToken)
    {
        var addresses = await HostResolver.ResolveAsync(host, timeout, TransportProtocol.Udp, cancellationToken).ConfigureAwait(false);
        var failures = new List<ConnectAttempt>();
        NetworkException? first = null;
        foreach (var address in addresses)
        {
            var endPoint = new IPEndPoint(address, port);
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
#pragma warning disable CA2000 // why: every catch below disposes it; on success it is returned and the caller owns it.
            var client = new UdpClientSocket(socket, endPoint, failures);
#pragma warning restore CA2000
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                var reply = await client.ExchangeAsync(firstRequest, timeout, accept, cancellationToken).ConfigureAwait(false);
                return (client, reply);
            }
            catch (NetworkException e)
            {
                client.Dispose();
                failures.Add(new ConnectAttempt(endPoint, e.Kind));
                first ??= e;
            }
            catch (SocketException e)
            {
                client.Dispose();
                var error = NetworkException.From(e, NetworkOperation.Connect, TransportProtocol.Udp, endPoint, host);
                failures.Add(new ConnectAttempt(endPoint, error.Kind));
                first ??= error;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        throw TcpConnector.Failed(first!, failures, host);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for a reply that <paramref name="accept"/> takes (any, when null), sending again
    /// at a third and two thirds of <paramref name="timeout"/>.
    /// </summary>
    public async Task<UdpReply> ExchangeAsync(ReadOnlyMemory<byte> request, TimeSpan timeout, Func<ReadOnlyMemory<byte>, bool>? accept, CancellationToken cancellationToken)
    {
        var slice = timeout / Transmissions;
        var start = Stopwatch.GetTimestamp();
        for (var transmission = 1; transmission <= Transmissions; transmission++)
        {
            var sentAt = DateTimeOffset.UtcNow;
            var sentTimestamp = Stopwatch.GetTimestamp();
            try
            {
                await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw NetworkException.From(e, NetworkOperation.Send, TransportProtocol.Udp, RemoteEndPoint);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = timeout - Stopwatch.GetElapsedTime(start);
            deadline.CancelAfter(transmission == Transmissions ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : slice);
            try
            {
                while (true)
                {
                    var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                    var data = _buffer.AsMemory(0, received);
                    if (accept is null || accept(data))
                    {
                        var roundTrip = Stopwatch.GetElapsedTime(sentTimestamp);
                        return new UdpReply(data.ToArray(), sentAt, sentAt + roundTrip, roundTrip, transmission);
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No reply in this slice: send again.
            }
            catch (SocketException e)
            {
                throw NetworkException.From(e, NetworkOperation.Receive, TransportProtocol.Udp, RemoteEndPoint);
            }
        }

        throw new NetworkException(
            SocketErrorKind.TimedOut, NetworkOperation.Receive, TransportProtocol.Udp, RemoteEndPoint, null,
            string.Format(Strings.Detail_NoUdpReply, Transmissions, timeout.TotalSeconds));
    }

    public void Dispose() => _socket.Dispose();
}
