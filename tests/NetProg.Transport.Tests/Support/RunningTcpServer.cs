using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Support;

/// <summary>A <see cref="TcpServer"/> bound to loopback on an ephemeral port and running until the test stops or disposes it.</summary>
internal sealed class RunningTcpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    private RunningTcpServer(TcpServer server, TcpConnectionHandler handler)
    {
        Server = server;
        Run = server.RunAsync(handler, _stopping.Token);
    }

    public TcpServer Server { get; }

    /// <summary>The server's <see cref="TcpServer.RunAsync"/>.</summary>
    public Task Run { get; }

    /// <summary>The first bound address, with the port the OS chose.</summary>
    public IPEndPoint EndPoint => Server.LocalEndPoints[0];

    public int Port => EndPoint.Port;

    /// <summary>
    /// Binds <paramref name="addresses"/> (127.0.0.1 when none) on port 0 and starts serving. <paramref name="configure"/> runs
    /// before the first accept, so that callbacks it sets see every connection.
    /// </summary>
    public static RunningTcpServer Start(
        TcpConnectionHandler handler, TcpServerOptions? options = null, Action<TcpServer>? configure = null, params IPAddress[] addresses)
    {
        var server = TcpServer.Bind(addresses.Length == 0 ? [IPAddress.Loopback] : addresses, 0, options ?? new TcpServerOptions(), NullLogger.Instance);
        configure?.Invoke(server);
        return new RunningTcpServer(server, handler);
    }

    /// <summary>As <see cref="Start(TcpConnectionHandler, TcpServerOptions?, Action{TcpServer}?, IPAddress[])"/>, on the engine of <paramref name="mode"/>.</summary>
    public static RunningTcpServer Start(
        TransportMode mode, TcpConnectionHandler handler, TcpServerOptions? options = null, Action<TcpServer>? configure = null, params IPAddress[] addresses)
    {
        options = (options ?? new TcpServerOptions()) with
        {
            Engine = mode == TransportMode.Sockets ? TransportEngine.Sockets : TransportEngine.Epoll,
            InlineHandlers = mode == TransportMode.EpollInline,
        };
        return Start(handler, options, configure, addresses);
    }

    /// <summary>Fires the stopping token and waits (bounded) for <see cref="TcpServer.RunAsync"/> to return.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        await _stopping.CancelAsync();
        await Run.WaitAsync(within);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Server.DisposeAsync();
        try
        {
            await Run.WaitAsync(Waits.Long);
        }
        finally
        {
            _stopping.Dispose();
        }
    }
}
