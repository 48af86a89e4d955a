using System.Net;
using System.Net.Sockets;
using NetProg.Services.Tests.Support;

namespace NetProg.Services.Tests.Forward;

/// <summary>Plain sockets for the tests, every wait bounded.</summary>
internal static class Peer
{
    public static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Waits.Long);
        return socket;
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None).AsTask().WaitAsync(Waits.Long);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Everything until the peer's FIN.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Waits.Long);
            if (count == 0)
            {
                return output.ToArray();
            }

            output.Write(buffer, 0, count);
        }
    }

    /// <summary>Reads until the connection ends; true if it ended with a reset rather than a FIN.</summary>
    public static async Task<bool> EndsWithResetAsync(Socket socket)
    {
        try
        {
            await ReadToEndAsync(socket);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    /// <summary>
    /// Connects and reads until the connection ends; true if it was reset. On loopback the RST can beat the connect's own
    /// completion, so a reset reported by connect counts too.
    /// </summary>
    public static async Task<bool> IsResetAsync(int port)
    {
        try
        {
            using var socket = await ConnectAsync(port);
            return await EndsWithResetAsync(socket);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // From the connect: EndsWithResetAsync answers a reset while reading itself.
            return true;
        }
    }

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
