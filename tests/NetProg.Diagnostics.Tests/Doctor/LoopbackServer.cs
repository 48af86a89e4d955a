namespace NetProg.Diagnostics.Tests.Doctor;

/// <summary>A minimal TCP server on loopback for the doctor to examine: it runs <c>serve</c> for each client until disposed.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackServer(Func<Socket, Task> serve, IPAddress? address = null)
    {
        _listener = new Socket((address ?? IPAddress.Loopback).AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        _listener.Listen();
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptLoopAsync(serve);
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(Func<Socket, Task> serve)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await serve(client);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException)
                    {
                    }
                }
            });
        }
    }
}
