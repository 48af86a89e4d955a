namespace NetProg.Tests.Shared;

/// <summary>Plain client sockets for the tests: the transport is checked against the OS's own TCP, not against our clients.</summary>
public static class Loopback
{
    /// <summary>A TCP client connected to 127.0.0.1:<paramref name="port"/>.</summary>
    public static Task<Socket> ConnectAsync(int port) => ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));

    public static async Task<Socket> ConnectAsync(IPEndPoint server, Action<Socket>? configure = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            configure?.Invoke(socket);
            await socket.ConnectAsync(server).WaitAsync(Waits.Long);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the stream ends first.</summary>
    public static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var length = 0;
        while (length < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None).AsTask().WaitAsync(Waits.Long);
            if (n == 0)
            {
                throw new EndOfStreamException($"EOF after {length} of {count} bytes");
            }

            length += n;
        }

        return buffer;
    }

    /// <summary>Reads until FIN or RST. Bounded by <paramref name="within"/> as a whole.</summary>
    public static Task<ReceivedStream> ReadToEndAsync(Socket socket, TimeSpan within) => ReadToEndCoreAsync(socket).WaitAsync(within);

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and reads what the server sends until it closes, as a time or daytime client does.</summary>
    public static async Task<byte[]> ReadAllAsync(int port, TimeSpan within)
    {
        using var socket = await ConnectAsync(port);
        return (await ReadToEndAsync(socket, within)).Data;
    }

    /// <summary>One echo round trip: sends <paramref name="data"/> and reads the same number of bytes back.</summary>
    public static async Task<byte[]> RoundTripAsync(Socket socket, byte[] data)
    {
        await SendAllAsync(socket, data).WaitAsync(Waits.Long);
        return await ReceiveExactlyAsync(socket, data.Length);
    }

    /// <summary>
    /// Connects <paramref name="client"/> (unconnected, maybe bound to an address of its own), sends a request and reads
    /// until the stream ends: what a client a server turns away gets. The server's RST may arrive at any point, even before
    /// our side of the handshake has completed (then ConnectAsync itself fails with ECONNRESET): every such end counts as
    /// "no service", and the bytes that did arrive are returned.
    /// </summary>
    public static async Task<byte[]> TryServiceAsync(Socket client, IPEndPoint server)
    {
        try
        {
            await client.ConnectAsync(server).WaitAsync(Waits.Long);
            await SendAllAsync(client, "request"u8.ToArray()).WaitAsync(Waits.Long);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return [];
        }

        return (await ReadToEndAsync(client, Waits.Long)).Data;
    }

    private static async Task<ReceivedStream> ReadToEndCoreAsync(Socket socket)
    {
        using var data = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0)
                {
                    return new ReceivedStream(data.ToArray(), WasReset: false);
                }

                data.Write(buffer, 0, n);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return new ReceivedStream(data.ToArray(), WasReset: true);
        }
    }
}
