namespace NetProg.Transport.Tests.Udp;

/// <summary>A plain UDP client socket, connected to a server, optionally bound to a chosen local end point first.</summary>
internal sealed class UdpProbe : IDisposable
{
    private readonly byte[] _buffer = new byte[70 * 1024];

    private UdpProbe(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public int LocalPort => ((IPEndPoint)Socket.LocalEndPoint!).Port;

    public static UdpProbe Connect(IPEndPoint server, IPEndPoint? local = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local ?? new IPEndPoint(server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
            socket.Connect(server);
            return new UdpProbe(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(ReadOnlyMemory<byte> datagram) => Socket.SendAsync(datagram, SocketFlags.None).AsTask().WaitAsync(Waits.Long);

    /// <summary>The next datagram, or null when none arrives within <paramref name="within"/>.</summary>
    public async Task<byte[]?> ReceiveAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            var n = await Socket.ReceiveAsync(_buffer, SocketFlags.None, deadline.Token);
            return _buffer.AsSpan(0, n).ToArray();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="marker"/> until its echo comes back (once a second, up to 10 s), and returns the other datagrams that
    /// arrived before it. The server answers in arrival order, so after the marker's echo everything sent before it was handled.
    /// </summary>
    public async Task<(List<byte[]> Before, int MarkerSends)> SyncAsync(byte[] marker)
    {
        var before = new List<byte[]>();
        for (var sends = 1; sends <= 10; sends++)
        {
            await SendAsync(marker);
            using var slice = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var n = await Socket.ReceiveAsync(_buffer, SocketFlags.None, slice.Token);
                    var datagram = _buffer.AsSpan(0, n).ToArray();
                    if (datagram.AsSpan().SequenceEqual(marker))
                    {
                        return (before, sends);
                    }

                    before.Add(datagram);
                }
            }
            catch (OperationCanceledException)
            {
                // Not answered in this second (dropped or rate limited): send it again.
            }
        }

        throw new TimeoutException("the server never echoed the marker");
    }

    public void Dispose() => Socket.Dispose();
}
