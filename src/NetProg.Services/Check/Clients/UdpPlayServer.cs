namespace NetProg.Services.Check.Clients;

/// <summary>netprog's test server for one check of a UDP client: a socket bound to 127.0.0.1 and an ephemeral port.</summary>
internal sealed class UdpPlayServer : IDisposable
{
    /// <summary>The largest UDP payload over IPv4: a datagram is received whole, never cut by our buffer.</summary>
    private const int MaxDatagram = 65_507;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[MaxDatagram + 1];

    public UdpPlayServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The next datagram, or null when none came within <paramref name="timeout"/> or the client exited without sending one.</summary>
    public Task<UdpDatagram?> ReceiveAsync(ClientRun client, TimeSpan timeout, CancellationToken cancellationToken) =>
        ClientWait.UntilExitAsync(ReceiveOneAsync, () => _socket.Available > 0, client, timeout, cancellationToken);

    /// <summary>Answers <paramref name="to"/>; a client already gone (ICMP unreachable comes back later, if at all) is no error.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> data, IPEndPoint to, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(data, SocketFlags.None, to, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<UdpDatagram> ReceiveOneAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var result = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken).ConfigureAwait(false);
                return new UdpDatagram(_buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An answer sent to a client that has gone comes back as an ICMP port unreachable, which Windows reports on
                // the next receive as WSAECONNRESET (Linux does not, for an unconnected socket: udp(7)). No datagram: go on.
            }
        }
    }
}
