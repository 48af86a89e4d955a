using NetProg.Cli.Rendering;
using NetProg.Diagnostics;
using NetProg.Transport;

namespace NetProg.Cli.Tests;

/// <summary>Each failure reads as one line in plain words that says what to check (README.md, "When it fails").</summary>
public sealed class ErrorTextTests
{
    private static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.10"), 30000);

    [Theory]
    [InlineData(SocketErrorKind.ConnectionRefused, NetworkOperation.Connect, TransportProtocol.Tcp, "connection refused by 192.0.2.10:30000/tcp", "Is the server running")]
    [InlineData(SocketErrorKind.ConnectionRefused, NetworkOperation.Receive, TransportProtocol.Udp, "nothing is listening on 192.0.2.10:30000/udp", "--udp")]
    [InlineData(SocketErrorKind.TimedOut, NetworkOperation.Connect, TransportProtocol.Tcp, "timed out connecting to 192.0.2.10:30000/tcp", "firewall")]
    [InlineData(SocketErrorKind.TimedOut, NetworkOperation.Receive, TransportProtocol.Udp, "no reply from 192.0.2.10:30000/udp", "firewall")]
    [InlineData(SocketErrorKind.HostUnreachable, NetworkOperation.Connect, TransportProtocol.Tcp, "host unreachable", "firewall")]
    [InlineData(SocketErrorKind.NetworkUnreachable, NetworkOperation.Connect, TransportProtocol.Tcp, "network unreachable", "netstat -nr")]
    [InlineData(SocketErrorKind.ConnectionReset, NetworkOperation.Receive, TransportProtocol.Tcp, "connection reset by 192.0.2.10:30000/tcp", "connection limit")]
    [InlineData(SocketErrorKind.AddressInUse, NetworkOperation.Bind, TransportProtocol.Tcp, "port 30000/tcp is already in use", "--port")]
    [InlineData(SocketErrorKind.AccessDenied, NetworkOperation.Bind, TransportProtocol.Tcp, "permission denied for port 30000/tcp", "below 1024")]
    [InlineData(SocketErrorKind.AddressNotAvailable, NetworkOperation.Bind, TransportProtocol.Udp, "192.0.2.10 is not an address of this machine", "--bind")]
    public void Should_explain(SocketErrorKind kind, NetworkOperation operation, TransportProtocol protocol, string what, string advice)
    {
        var text = ErrorText.Describe(new NetworkException(kind, operation, protocol, Server, "example"));

        Assert.Contains(what, text);
        Assert.Contains(advice, text);
        Assert.DoesNotContain('\n', text);
    }

    [Theory]
    [InlineData(SocketErrorKind.ConnectionReset, NetworkOperation.Receive, "nothing is listening on 192.0.2.10:30000/udp")]
    [InlineData(SocketErrorKind.HostUnreachable, NetworkOperation.Receive, "rejects the datagrams")]
    [InlineData(SocketErrorKind.AddressNotAvailable, NetworkOperation.Connect, "cannot send to 192.0.2.10:30000/udp")]
    [InlineData(SocketErrorKind.TimedOut, NetworkOperation.Receive, "no reply from 192.0.2.10:30000/udp")]
    [InlineData(SocketErrorKind.ConnectionRefused, NetworkOperation.Receive, "nothing is listening on 192.0.2.10:30000/udp")]
    public void Should_use_udps_words_for_udp(SocketErrorKind kind, NetworkOperation operation, string what)
    {
        var text = ErrorText.Describe(new NetworkException(kind, operation, TransportProtocol.Udp, Server, "example"));

        Assert.Contains(what, text);
        Assert.DoesNotContain("connect", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Should_name_the_unknown_host()
    {
        var text = ErrorText.Describe(new NetworkException(SocketErrorKind.HostNotFound, NetworkOperation.Resolve, TransportProtocol.Tcp, null, "no-such-host.invalid"));

        Assert.StartsWith("unknown host 'no-such-host.invalid'", text);
    }

    [Fact]
    public void Should_name_the_process_that_holds_the_port()
    {
        var owners = new FixedOwners(new PortOwner(4242, "time_server"));

        var text = ErrorText.Describe(new NetworkException(SocketErrorKind.AddressInUse, NetworkOperation.Bind, TransportProtocol.Tcp, Server), owners);

        Assert.Contains("already in use by time_server (pid 4242)", text);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--listen")]
    public void Should_name_the_port_option_of_the_command_that_was_run_When_the_port_is_in_use(string option)
    {
        var text = ErrorText.Describe(new NetworkException(SocketErrorKind.AddressInUse, NetworkOperation.Bind, TransportProtocol.Tcp, Server), portOption: option);

        Assert.EndsWith($"choose another port with {option}.", text);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--listen")]
    public void Should_name_the_port_option_of_the_command_that_was_run_When_the_port_needs_privileges(string option)
    {
        var text = ErrorText.Describe(new NetworkException(SocketErrorKind.AccessDenied, NetworkOperation.Bind, TransportProtocol.Tcp, Server), portOption: option);

        Assert.EndsWith($"such as {option} 30000.", text);
    }

    private sealed class FixedOwners(params PortOwner[] owners) : IPortOwnerLookup
    {
        public IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port) => owners;
    }
}
