namespace NetProg.Cli.Tests;

/// <summary>HOST:PORT as students type it (the URL habit), end to end against real servers on loopback.</summary>
public sealed class HostPortCommandTests
{
    [Fact]
    public async Task Should_ask_the_time_at_the_port_typed_after_the_host()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1");

        var (exit, console) = await Cli.RunAsync("time-client", $"127.0.0.1:{server.Ports[0]}");

        Assert.Equal(0, exit);
        Assert.StartsWith($"from 127.0.0.1:{server.Ports[0]}/tcp", console.OutWriter.Lines[1]);
    }

    [Fact]
    public async Task Should_use_the_port_typed_after_a_bracketed_ipv6_address()
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return;
        }

        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "::1");

        var (exit, console) = await Cli.RunAsync("time-client", $"[::1]:{server.Ports[0]}");

        Assert.Equal(0, exit);
        Assert.StartsWith($"from [::1]:{server.Ports[0]}/tcp", console.OutWriter.Lines[1]);
    }

    [Fact]
    public async Task Should_echo_through_the_port_typed_after_the_host()
    {
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");
        var console = new TestConsole("ping\n");

        var exit = await CliApp.RunAsync(["echo-client", $"127.0.0.1:{server.Ports[0]}"], console, CancellationToken.None).WaitAsync(Cli.Timeout);

        Assert.Equal(0, exit);
        Assert.Equal("ping\n"u8.ToArray(), console.StandardOutputBytes);
    }

    [Theory]
    [InlineData("time-client")]
    [InlineData("echo-client")]
    [InlineData("bench", "echo")]
    [InlineData("doctor")]
    public async Task Should_refuse_a_port_given_twice_with_one_usage_line(params string[] command)
    {
        var (exit, console) = await Cli.RunAsync([.. command, "127.0.0.1:30000", "30001"]);

        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains("the port is given twice, in '127.0.0.1:30000' and as '30001'", line);
        Assert.Empty(console.OutWriter.Text);
    }

    [Fact]
    public async Task Should_say_what_is_wrong_with_the_port_after_the_host()
    {
        var (exit, console) = await Cli.RunAsync("time-client", "127.0.0.1:99999");

        Assert.Equal(2, exit);
        Assert.Contains("invalid port in '127.0.0.1:99999'", Assert.Single(console.ErrorWriter.Lines));
    }

    [Fact]
    public async Task Should_probe_the_port_typed_after_the_host_in_doctor()
    {
        await using var server = await Cli.StartAsync(1, "time-server", "--port", "0", "--bind", "127.0.0.1");

        var (exit, console) = await Cli.RunAsync("doctor", $"127.0.0.1:{server.Ports[0].ToString(CultureInfo.InvariantCulture)}", "--json");

        Assert.Equal(0, exit);
        Assert.Contains($"{server.Ports[0]}", console.OutWriter.Text);
    }
}
