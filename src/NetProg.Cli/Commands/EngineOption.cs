using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Transport.Tcp;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>--engine auto|epoll|sockets</c> of the TCP servers, and the environment variables that tune the engine: the one place
/// they are read (docs/TRANSPORT.md). Nothing below the command line reads the environment; it gets
/// <see cref="TcpServerOptions.Engine"/> and <see cref="TcpServerOptions.Epoll"/> from here.
/// </summary>
internal static class EngineOption
{
    /// <summary><c>sockets</c> or <c>epoll</c>: the engine when <c>--engine</c> is not given (benchmarks and tests set it).</summary>
    public const string TransportVariable = "NETPROG_TRANSPORT";

    /// <summary>Event-loop threads of the epoll engine, 1 to 64.</summary>
    public const string ThreadsVariable = "NETPROG_EPOLL_THREADS";

    /// <summary>Microseconds each epoll loop spins before it sleeps, 1 to 10,000.</summary>
    public const string BusyPollVariable = "NETPROG_BUSY_POLL";

    public static Option<TransportEngine?> Create() => new("--engine")
    {
        Description = Strings.Option_Engine,
        CustomParser = Parse,
        HelpName = "auto|epoll|sockets",
    };

    /// <summary>
    /// <paramref name="options"/> with the engine of <c>--engine</c>, else of <c>NETPROG_TRANSPORT</c>, else auto; and the
    /// epoll loops' settings of the environment. A variable's value that is not understood is ignored, as it always was: a
    /// benchmark's leftover setting must not stop a student's server.
    /// </summary>
    public static TcpServerOptions Apply(TcpServerOptions options, TransportEngine? chosen, Func<string, string?> environment)
    {
        var engine = chosen ?? environment(TransportVariable)?.Trim().ToLowerInvariant() switch
        {
            "sockets" => TransportEngine.Sockets,
            "epoll" => TransportEngine.Epoll,
            _ => TransportEngine.Auto,
        };
        var threads = int.TryParse(environment(ThreadsVariable), out var t) && t is > 0 and <= EpollOptions.MaxThreads ? t : 0;
        var busy = int.TryParse(environment(BusyPollVariable), out var b) && b is > 0 and <= EpollOptions.MaxBusyPollMicroseconds ? b : 0;
        return options with { Engine = engine, Epoll = new EpollOptions { Threads = threads, BusyPollMicroseconds = busy } };
    }

    private static TransportEngine? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        switch (text.ToLowerInvariant())
        {
            case "auto":
                return TransportEngine.Auto;
            case "epoll":
                return TransportEngine.Epoll;
            case "sockets":
                return TransportEngine.Sockets;
            default:
                result.AddError(string.Format(Strings.Usage_InvalidEngine, text));
                return null;
        }
    }
}
