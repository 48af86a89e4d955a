using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Protocols.Forwarding;
using NetProg.Services.Forward;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Services.Tests.Forward;

/// <summary>What <see cref="Forwarder.Bind"/> refuses up front, and that it binds every port or none.</summary>
public sealed class ForwarderBindTests
{
    [Fact]
    public void Should_count_the_descriptors_of_the_lecture_s_rule()
    {
        // Given the lecture's rule on 0.0.0.0 and [::], TCP and UDP, with the default limits
        var options = Options(new PortRange(30000, 40000), null, [IPAddress.Any, IPAddress.IPv6Any], IPAddress.Parse("172.30.1.54")) with { Protocols = ProtocolSelection.Both };

        // Then it needs a socket per port, address and protocol, two per TCP connection, one per UDP session, and a few more
        Assert.Equal((10_001 * 2 * 2) + (2 * 1000) + 1000 + 64, Forwarder.DescriptorsNeeded(options));
    }

    [Fact]
    public void Should_refuse_a_rule_whose_target_is_its_own_listening_socket()
    {
        // Given rules that would forward 127.0.0.1:P to itself, directly or through "every address"
        var port = new PortRange(40123, 40123);
        var direct = Options(port, null, [IPAddress.Loopback], IPAddress.Loopback);
        var throughAny = Options(port, null, [IPAddress.Any], IPAddress.Loopback);

        // Then neither binds
        Assert.Contains("forwarded to itself", Assert.Throws<ForwardException>(() => Forwarder.Bind(direct, NullLogger.Instance)).Message, StringComparison.Ordinal);
        Assert.Throws<ForwardException>(() => Forwarder.Bind(throughAny, NullLogger.Instance));
    }

    [Theory]
    [InlineData("0.0.0.0", 40124)]
    [InlineData("::", 40124)]
    [InlineData("0.0.0.0", 40125)]
    public void Should_refuse_the_unspecified_address_as_a_target(string target, int targetPort)
    {
        // Given a rule to "every address", on the forwarded port (a loop through the wildcard listeners: one connection
        // became 1,000 relays to itself) or on another port, listening on every address of both families
        var options = Options(new PortRange(40124, 40124), new PortRange(targetPort, targetPort), [IPAddress.Any, IPAddress.IPv6Any], IPAddress.Parse(target));

        // Then it does not bind, and says to name a host
        var error = Assert.Throws<ForwardException>(() => Forwarder.Bind(options, NullLogger.Instance));
        Assert.Contains("is not the address of a host", error.Message, StringComparison.Ordinal);
        Assert.Contains("--to 127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_bind_every_port_of_a_range_or_none_when_one_is_taken()
    {
        // Given three consecutive free ports, the middle one then taken by another socket
        var (first, taken) = ThreeFreePortsWithTheMiddleTaken();
        using (taken)
        {
            var options = Options(new PortRange(first, first + 2), null, [IPAddress.Loopback], IPAddress.Parse("127.0.0.2"));

            // When the forwarder binds the range
            var error = Assert.Throws<NetworkException>(() => Forwarder.Bind(options, NullLogger.Instance));

            // Then it names the port in use, and released the first port it had bound
            Assert.Equal(SocketErrorKind.AddressInUse, error.Kind);
            Assert.Equal(first + 1, error.EndPoint!.Port);
            using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            again.Bind(new IPEndPoint(IPAddress.Loopback, first));
        }

        // and with the port free again, all three bind, each to its own target port
        await using var forwarder = Forwarder.Bind(Options(new PortRange(first, first + 2), null, [IPAddress.Loopback], IPAddress.Parse("127.0.0.2")), NullLogger.Instance);
        Assert.Equal([first, first + 1, first + 2], forwarder.Listening.Select(l => l.EndPoint.Port));
        Assert.Equal([first, first + 1, first + 2], forwarder.Listening.Select(l => l.Target.Port));
    }

    private static ForwardOptions Options(PortRange listen, PortRange? target, IReadOnlyList<IPAddress> addresses, IPAddress to)
    {
        Assert.True(PortMapping.TryCreate(listen, target, out var mapping, out var error), error);
        return new ForwardOptions { ListenAddresses = addresses, Ports = mapping, Target = to };
    }

    /// <summary>Three free consecutive ports (probed, as the kernel offers no such call), with a socket bound on the middle one.</summary>
    private static (int First, Socket Taken) ThreeFreePortsWithTheMiddleTaken()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var first = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (first + 2 > 65535)
            {
                continue;
            }

            var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                taken.Bind(new IPEndPoint(IPAddress.Loopback, first + 1));
                taken.Listen();
                using var last = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                last.Bind(new IPEndPoint(IPAddress.Loopback, first + 2));
                return (first, taken);
            }
            catch (SocketException)
            {
                taken.Dispose();
            }
        }

        throw new InvalidOperationException("no three consecutive free ports on 127.0.0.1");
    }
}
