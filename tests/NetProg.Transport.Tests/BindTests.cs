using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests;

public sealed class BindTests
{
    [Fact]
    public void Should_report_AddressInUse_on_Bind_for_a_port_another_program_listens_on()
    {
        // Given another program's listener on 127.0.0.1 (a plain socket, no SO_REUSEPORT)
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        other.Listen();
        var port = ((IPEndPoint)other.LocalEndPoint!).Port;

        // When a server binds the same address and port
        var error = Assert.Throws<NetworkException>(() => TcpServer.Bind([IPAddress.Loopback], port, new TcpServerOptions(), NullLogger.Instance));

        // Then it fails as "address in use" while binding, naming the end point
        Assert.Equal(SocketErrorKind.AddressInUse, error.Kind);
        Assert.Equal(NetworkOperation.Bind, error.Operation);
        Assert.Equal(TransportProtocol.Tcp, error.Protocol);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), error.EndPoint);
    }

    [Fact]
    public async Task Should_report_AddressInUse_on_Bind_for_a_port_another_of_our_servers_listens_on()
    {
        // Given one of our servers listening on 127.0.0.1 on some port
        await using var first = RunningTcpServer.Start(Handlers.Echo);

        // When a second server (a second netprog, say) binds the same address and port
        TcpServer? second = null;
        var error = Record.Exception(() => second = TcpServer.Bind([IPAddress.Loopback], first.Port, new TcpServerOptions(), NullLogger.Instance));
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        // Then it fails as "address in use": two listeners must never share a port. Regression (fixed in 1bc44a8): .NET's
        // ReuseAddress sets SO_REUSEPORT on Unix, and the second bind succeeded with Linux spreading the clients over both
        var networkError = Assert.IsType<NetworkException>(error);
        Assert.Equal(SocketErrorKind.AddressInUse, networkError.Kind);
        Assert.Equal(NetworkOperation.Bind, networkError.Operation);
    }

    [Fact]
    public void Should_report_AddressInUse_on_Bind_for_a_UDP_port_another_socket_has()
    {
        // Given another program's UDP socket on 127.0.0.1
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)other.LocalEndPoint!).Port;

        // When a UDP server binds the same address and port
        var error = Assert.Throws<NetworkException>(() => UdpServer.Bind([IPAddress.Loopback], port, new UdpServerOptions(), NullLogger.Instance));

        // Then it fails as "address in use" while binding a UDP socket
        Assert.Equal(SocketErrorKind.AddressInUse, error.Kind);
        Assert.Equal(NetworkOperation.Bind, error.Operation);
        Assert.Equal(TransportProtocol.Udp, error.Protocol);
    }
}
