using NetProg.Transport.Linux;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Tests.Linux;

public sealed class EpollEngineTests
{
    [Fact]
    public async Task Should_run_on_epoll_by_default_on_Linux_and_on_sockets_when_asked()
    {
        await using var automatic = RunningTcpServer.Start(Handlers.Echo);
        await using var sockets = RunningTcpServer.Start(TransportMode.Sockets, Handlers.Echo);

        // Auto is epoll on Linux whatever the environment says: only the command line reads NETPROG_TRANSPORT.
        Assert.Equal(OperatingSystem.IsLinux() ? TransportEngine.Epoll : TransportEngine.Sockets, automatic.Server.Engine);
        Assert.Equal(TransportEngine.Sockets, sockets.Server.Engine);
    }

    [Theory]
    [InlineData(TransportMode.Epoll)]
    [InlineData(TransportMode.EpollInline)]
    public async Task Should_answer_bytes_and_FIN_that_arrived_before_the_connection_was_registered(TransportMode mode)
    {
        // The client writes and half-closes before the server's loop can have seen the connection: the registration itself
        // must report both (epoll_ctl ADD polls the descriptor), or the connection would wait for an edge that never comes.
        await using var server = RunningTcpServer.Start(mode, Handlers.Echo);
        var payload = Payloads.Random(seed: 7, size: 3000);
        var clients = new List<Task<ReceivedStream>>();
        for (var i = 0; i < 50; i++)
        {
            clients.Add(Task.Run(async () =>
            {
                using var client = await Loopback.ConnectAsync(server.EndPoint);
                await Loopback.SendAllAsync(client, payload);
                client.Shutdown(SocketShutdown.Send);
                return await Loopback.ReadToEndAsync(client, Waits.Long);
            }));
        }

        foreach (var echoed in await Task.WhenAll(clients).WaitAsync(Waits.Long))
        {
            BytesAssert.Equal(payload, echoed.Data);
            Assert.False(echoed.WasReset);
        }
    }

    [Fact]
    public void Should_classify_errno_as_the_portable_transport_does()
    {
        Assert.True(SocketErrors.IsConnectionGone(SystemCall.Error(104)));                // ECONNRESET
        Assert.True(SocketErrors.IsConnectionGone(SystemCall.Error(32)));                 // EPIPE
        Assert.Equal(SocketErrorKind.TimedOut, SocketErrors.Classify(SystemCall.Error(110)));
        Assert.Equal(SocketError.TooManyOpenSockets, SystemCall.Error(24).SocketErrorCode); // EMFILE
    }
}
