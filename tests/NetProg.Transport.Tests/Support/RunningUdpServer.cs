using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Support;

/// <summary>A <see cref="UdpServer"/> bound to loopback on an ephemeral port and running until the test disposes it.</summary>
internal sealed class RunningUdpServer : IAsyncDisposable
{
    /// <summary>Each datagram back unchanged.</summary>
    public static readonly UdpDatagramHandler Echo = (request, _, reply) =>
    {
        request.CopyTo(reply);
        return request.Length;
    };

    private readonly CancellationTokenSource _stopping = new();

    private RunningUdpServer(UdpServer server, UdpDatagramHandler handler)
    {
        Server = server;
        Run = server.RunAsync(handler, _stopping.Token);
    }

    public UdpServer Server { get; }

    public Task Run { get; }

    public IPEndPoint EndPoint => Server.LocalEndPoints[0];

    public int Port => EndPoint.Port;

    public static RunningUdpServer Start(UdpServerOptions? options = null, IPAddress? address = null, UdpDatagramHandler? handler = null) =>
        new(UdpServer.Bind([address ?? IPAddress.Loopback], 0, options ?? new UdpServerOptions(), NullLogger.Instance), handler ?? Echo);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Run.WaitAsync(Waits.Long);
        }
        finally
        {
            await Server.DisposeAsync();
            _stopping.Dispose();
        }
    }
}
