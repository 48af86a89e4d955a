namespace NetProg.Services.Tests.Forward;

/// <summary>How a forwarded connection ends, seen from a plain socket; every wait bounded.</summary>
internal static class Peer
{
    /// <summary>Everything until the peer's FIN; a reset throws, as the socket does.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        var received = await Loopback.ReadToEndAsync(socket, Waits.Long);
        return received.WasReset ? throw new SocketException((int)SocketError.ConnectionReset) : received.Data;
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
            using var socket = await Loopback.ConnectAsync(port);
            return await EndsWithResetAsync(socket);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // From the connect: EndsWithResetAsync answers a reset while reading itself.
            return true;
        }
    }
}
