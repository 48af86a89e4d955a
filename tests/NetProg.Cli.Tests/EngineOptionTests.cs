using NetProg.Cli.Commands;
using NetProg.Transport.Tcp;

namespace NetProg.Cli.Tests;

/// <summary>The engine and its loops are chosen at the command line's edge, from --engine and the environment.</summary>
public sealed class EngineOptionTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Should_choose_auto_and_default_loops_when_nothing_is_said()
    {
        var options = EngineOption.Apply(new TcpServerOptions(), null, Environment());

        Assert.Equal(TransportEngine.Auto, options.Engine);
        Assert.Equal(new EpollOptions(), options.Epoll);
    }

    [Theory]
    [InlineData("sockets", TransportEngine.Sockets)]
    [InlineData(" Sockets ", TransportEngine.Sockets)]
    [InlineData("epoll", TransportEngine.Epoll)]
    [InlineData("io_uring", TransportEngine.Auto)]
    [InlineData("", TransportEngine.Auto)]
    public void Should_take_the_engine_from_NETPROG_TRANSPORT_when_no_option_is_given(string value, TransportEngine expected)
    {
        var options = EngineOption.Apply(new TcpServerOptions(), null, Environment((EngineOption.TransportVariable, value)));

        Assert.Equal(expected, options.Engine);
    }

    [Fact]
    public void Should_prefer_the_option_to_the_environment()
    {
        var options = EngineOption.Apply(new TcpServerOptions(), TransportEngine.Epoll, Environment((EngineOption.TransportVariable, "sockets")));

        Assert.Equal(TransportEngine.Epoll, options.Engine);
    }

    [Theory]
    [InlineData("4", "200", 4, 200)]
    [InlineData("64", "10000", 64, 10_000)]
    [InlineData("65", "10001", 0, 0)]
    [InlineData("0", "-5", 0, 0)]
    [InlineData("two", "lots", 0, 0)]
    public void Should_read_the_loops_settings_and_ignore_values_out_of_range(string threads, string busy, int expectedThreads, int expectedBusy)
    {
        var options = EngineOption.Apply(
            new TcpServerOptions { MaxConnections = 7 },
            null,
            Environment((EngineOption.ThreadsVariable, threads), (EngineOption.BusyPollVariable, busy)));

        Assert.Equal(new EpollOptions { Threads = expectedThreads, BusyPollMicroseconds = expectedBusy }, options.Epoll);
        Assert.Equal(7, options.MaxConnections);
    }
}
