using System.Text.Json;

namespace NetProg.Cli.Tests;

/// <summary><c>netprog doctor</c>: exit 0 when the service answered, 1 otherwise, 2 for a wrong command line (docs/DOCTOR.md).</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Should_exit_0_with_a_checklist_when_our_echo_server_answers()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");

        var (exit, console) = await Cli.RunAsync("doctor", "127.0.0.1", server.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, exit);
        var lines = console.OutWriter.Lines;
        Assert.Equal($"netprog doctor: 127.0.0.1 port {server.Ports[0]}/tcp", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("  [ ok ] port", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("an echo server", StringComparison.Ordinal));
        Assert.Equal("verdict: the service answered.", lines[^1]);
    }

    [Fact]
    public async Task Should_exit_1_when_nothing_answers()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (exit, console) = await Cli.RunAsync("doctor", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(console.OutWriter.Text);
        Assert.Equal("closed", json.RootElement.GetProperty("state").GetString());
        Assert.False(json.RootElement.GetProperty("serviceAnswered").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("status").GetString() == "failed");
    }

    [Theory]
    [InlineData("invalid port '0'", "doctor", "127.0.0.1", "0")]
    [InlineData("invalid IPv4 address '300.1.1.1'", "doctor", "300.1.1.1", "80")]
    [InlineData("invalid time for --timeout", "doctor", "127.0.0.1", "80", "--timeout", "soon")]
    public async Task Should_exit_2_for_a_wrong_command_line(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, Assert.Single(console.ErrorWriter.Lines));
    }
}
