namespace NetProg.Services.Tests.Support;

/// <summary>
/// A server written the way the course's C programs are: accept, send fixed bytes in one write, close. For replies our own
/// servers never send (ctime + NUL, nothing at all).
/// </summary>
internal sealed class RawTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _accepting;

    private RawTcpServer(byte[] reply)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptLoopAsync(reply);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static RawTcpServer Start(byte[] reply) => new(reply);

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _accepting.WaitAsync(Waits.Long);
    }

    private async Task AcceptLoopAsync(byte[] reply)
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptSocketAsync();
                if (reply.Length > 0)
                {
                    await client.SendAsync(reply, SocketFlags.None);
                }

                client.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
