using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Cli.Infrastructure;
using NetProg.Protocols.Time;

namespace NetProg.Cli.Commands;

/// <summary>Options and arguments shared by several commands; each states its default.</summary>
internal static class CommonOptions
{
    /// <summary>The course's port.</summary>
    public const int DefaultPort = 30000;

    public static Option<int> Port(int defaultPort = DefaultPort) => new("--port", "-p")
    {
        Description = $"Port to listen on (0 = any free port). Default: {defaultPort}.",
        DefaultValueFactory = _ => defaultPort,
        CustomParser = r => ParsePort(r, allowZero: true),
        HelpName = "PORT",
    };

    public static Option<string[]> Bind() => new("--bind", "-b")
    {
        Description = "Local address to listen on (repeatable), e.g. 127.0.0.1 for this machine only. Default: all addresses, IPv4 and IPv6.",
        HelpName = "ADDR",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = r => r.Tokens.Select(t => CheckHost(r, t.Value)).ToArray(),
    };

    public static Option<bool> Udp(string description) => new("--udp", "-u") { Description = description };

    public static Option<bool> Both() => new("--both") { Description = "Listen on TCP and UDP." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Do not log each client on stderr." };

    public static Option<int> MaxConnections() => new("--max-connections")
    {
        Description = "TCP connections served at once; more are reset and logged. Default: 1000.",
        DefaultValueFactory = _ => 1000,
        CustomParser = r => ParsePositive(r, "--max-connections"),
        HelpName = "N",
    };

    public static Option<TimeSpan> IdleTimeout() => DurationOption("--idle-timeout", "Close a TCP connection after this long with no data either way. Default: 5m.", TimeSpan.FromMinutes(5));

    public static Option<TimeSpan> UdpTimeout() => DurationOption("--udp-timeout", "Forget a UDP client after this long with no datagram either way (RFC 4787 REQ-5: at least 2m for a NAT). Default: 2m.", TimeSpan.FromMinutes(2));

    public static Option<TimeSpan> Timeout() => DurationOption("--timeout", "How long to wait for the server: to connect, and for each reply (e.g. 500ms, 5s, 1m). Default: 5s.", TimeSpan.FromSeconds(5));

    public static Option<int> RateLimit() => new("--rate-limit")
    {
        Description = "UDP datagrams answered per second per source address; 0 = no limit. Default: 100.",
        DefaultValueFactory = _ => 100,
        CustomParser = r => ParseNonNegative(r, "--rate-limit"),
        HelpName = "N",
    };

    public static Option<bool> NoLoopGuard() => new("--no-loop-guard")
    {
        Description = "Also answer UDP datagrams from ports below 1024, 2049 and this program's own ports (off by default: such datagrams can start an endless echo loop, CVE-1999-0103).",
    };

    public static Option<TimeFormat> Format() => new("--format", "-f")
    {
        Description = "Time text: ctime (C's ctime(): \"Tue Nov 24 19:52:49 2026\\n\"), iso8601, or rfc868 (4-byte binary). Default: ctime.",
        DefaultValueFactory = _ => TimeFormat.Ctime,
        CustomParser = ParseFormat,
        HelpName = "ctime|iso8601|rfc868",
    };

    public static Argument<string> Host() => new("HOST")
    {
        Description = "Server name or address. Default: 127.0.0.1 (this machine).",
        DefaultValueFactory = _ => "127.0.0.1",
        CustomParser = r => CheckHost(r, r.Tokens.Count > 0 ? r.Tokens[0].Value : "127.0.0.1"),
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Argument<int> PortArgument() => new("PORT")
    {
        Description = $"Server port. Default: {DefaultPort}.",
        DefaultValueFactory = _ => DefaultPort,
        CustomParser = r => ParsePort(r, allowZero: false),
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "TIME",
        CustomParser = r => ParsePositiveDuration(r, name) ?? defaultValue,
    };

    /// <summary>A positive time like <see cref="DurationOption"/>'s, with no default: null when not given.</summary>
    public static Option<TimeSpan?> OptionalDurationOption(string name, string alias, string description) => new(name, alias)
    {
        Description = description,
        HelpName = "TIME",
        CustomParser = r => ParsePositiveDuration(r, name),
    };

    private static TimeSpan? ParsePositiveDuration(System.CommandLine.Parsing.ArgumentResult r, string name)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
        if (Infrastructure.Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        r.AddError($"invalid time for {name}: '{text}'. Use a number with ms, s, m or h, e.g. 500ms, 5s, 2m.");
        return null;
    }

    private static string CheckHost(ArgumentResult result, string text)
    {
        if (HostSyntax.Check(text) is { } error)
        {
            result.AddError(error);
        }

        return text;
    }

    private static int ParsePort(ArgumentResult result, bool allowZero)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port <= 65535 && (port > 0 || allowZero))
        {
            return port;
        }

        result.AddError($"invalid port '{text}': a port is a whole number from {(allowZero ? 0 : 1)} to 65535{(allowZero ? " (0 = any free port)" : string.Empty)}.");
        return 0;
    }

    private static int ParsePositive(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        result.AddError($"invalid value for {name}: '{text}'. Use a whole number of 1 or more.");
        return 1;
    }

    private static int ParseNonNegative(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"invalid value for {name}: '{text}'. Use a whole number of 0 or more.");
        return 0;
    }

    private static TimeFormat ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        switch (text.ToLowerInvariant())
        {
            case "ctime":
                return TimeFormat.Ctime;
            case "iso8601" or "iso":
                return TimeFormat.Iso8601;
            case "rfc868" or "binary":
                return TimeFormat.Rfc868;
            default:
                result.AddError($"invalid --format '{text}'. Use ctime, iso8601 or rfc868.");
                return TimeFormat.Ctime;
        }
    }
}
