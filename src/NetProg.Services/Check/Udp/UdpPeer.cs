namespace NetProg.Services.Check.Udp;

/// <summary>
/// A client socket of the UDP checks: unconnected on purpose, so that it receives a reply from whatever address and
/// port it comes from (a connected socket would silently drop one from another port, which is what
/// <c>udp-reply-source</c> has to see). Every receive is bounded by time, and by <see cref="MaxDatagrams"/> per wait, so
/// a server that floods replies is a finding, not an endless loop.
/// </summary>
internal sealed class UdpPeer : IDisposable
{
    /// <summary>Datagrams read in one wait that are no reply to the request, before the wait gives up as a flood.</summary>
    public const int MaxDatagrams = 64;

    /// <summary>Socket errors (ICMP reports) read past in one wait before it gives up.</summary>
    private const int MaxErrors = 8;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly EndPoint _any;

    private UdpPeer(Socket socket, IPEndPoint target)
    {
        _socket = socket;
        Target = target;
        _any = new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Where requests go: the server as the checker found it.</summary>
    public IPEndPoint Target { get; }

    /// <summary>Where replies must come back to (its port tells the two clients of udp-multi-client apart).</summary>
    public IPEndPoint Local { get; }

    /// <summary>A socket on a new ephemeral port: a new client, as far as the server can tell.</summary>
    public static UdpPeer Open(IPEndPoint target)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            return new UdpPeer(socket, target);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one datagram to the server; the socket error's text when the OS refuses to.</summary>
    public async Task<string?> SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, Target, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The next datagram within <paramref name="wait"/>, or null. An ICMP error reported on the socket (Windows reports
    /// "port unreachable" for an earlier datagram as WSAECONNRESET even on an unconnected socket) is read past.
    /// </summary>
    public async Task<UdpDatagram?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        for (var errors = 0; errors < MaxErrors; errors++)
        {
            try
            {
                var result = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, _any, deadline.Token).ConfigureAwait(false);
                return new UdpDatagram(_buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                // An ICMP report about an earlier datagram, or (never for UDP's 65,507 bytes) one larger than the buffer.
            }
        }

        return null;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for its reply, at most <paramref name="timeout"/>: the request is sent
    /// again once at half of it, since one lost datagram must not decide a verdict (UDP does not retransmit; RFC 768).
    /// Datagrams that <paramref name="isEarlier"/> takes for the late reply to an earlier request are read past.
    /// </summary>
    public async Task<UdpExchangeResult> ExchangeAsync(
        ReadOnlyMemory<byte> request, Func<byte[], bool>? isEarlier, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var skipped = 0;
        for (var transmission = 1; transmission <= 2; transmission++)
        {
            if (await SendAsync(request, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return new UdpExchangeResult(null, transmission, Error: error);
            }

            var sentAt = Stopwatch.GetTimestamp();
            while (true)
            {
                var datagram = await ReceiveAsync(timeout / 2 - Stopwatch.GetElapsedTime(sentAt), cancellationToken).ConfigureAwait(false);
                if (datagram is null)
                {
                    break;
                }

                if (isEarlier is null || !isEarlier(datagram.Data))
                {
                    return new UdpExchangeResult(datagram, transmission);
                }

                if (++skipped > MaxDatagrams)
                {
                    return new UdpExchangeResult(null, transmission, Flooded: true);
                }
            }
        }

        return new UdpExchangeResult(null, 2);
    }

    /// <summary>The datagrams already queued on the socket (at most <paramref name="max"/>), without waiting.</summary>
    public IReadOnlyList<UdpDatagram> DrainQueued(int max)
    {
        var queued = new List<UdpDatagram>();
        try
        {
            while (queued.Count < max && _socket.Poll(0, SelectMode.SelectRead))
            {
                EndPoint from = _any;
                var received = _socket.ReceiveFrom(_buffer, ref from);
                queued.Add(new UdpDatagram(_buffer.AsSpan(0, received).ToArray(), (IPEndPoint)from));
            }
        }
        catch (SocketException)
        {
            // An ICMP report: what was queued before it is what there is.
        }

        return queued;
    }

    public void Dispose() => _socket.Dispose();
}
