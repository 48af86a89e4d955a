using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Cli.Infrastructure;
using NetProg.Protocols.Ports;
using NetProg.Protocols.Time;

namespace NetProg.Cli.Commands;

/// <summary>Options and arguments shared by several commands; each states its default.</summary>
internal static class CommonOptions
{
    /// <summary>The course's port.</summary>
    public const int DefaultPort = 30000;

    public static Option<int> Port(int defaultPort = DefaultPort) => new("--port", "-p")
    {
        Description = string.Format(Strings.Option_Port, defaultPort),
        DefaultValueFactory = _ => defaultPort,
        CustomParser = r => ParsePort(r, allowZero: true),
        HelpName = "PORT",
    };

    public static Option<string[]> Bind() => new("--bind", "-b")
    {
        Description = Strings.Option_Bind,
        HelpName = "ADDR",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = r => r.Tokens.Select(t => CheckHost(r, t.Value)).ToArray(),
    };

    public static Option<bool> Udp(string description) => new("--udp", "-u") { Description = description };

    public static Option<bool> Both() => new("--both") { Description = Strings.Option_Both };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = Strings.Option_Quiet };

    public static Option<int> MaxConnections() => new("--max-connections")
    {
        Description = Strings.Option_MaxConnections,
        DefaultValueFactory = _ => 1000,
        CustomParser = r => ParsePositive(r, "--max-connections"),
        HelpName = "N",
    };

    public static Option<int> MaxPerAddress() => new("--max-per-address")
    {
        Description = Strings.Option_MaxPerAddress,
        DefaultValueFactory = _ => 100,
        CustomParser = r => ParsePositive(r, "--max-per-address"),
        HelpName = "N",
    };

    public static Option<TimeSpan> IdleTimeout() => DurationOption("--idle-timeout", Strings.Option_IdleTimeout, TimeSpan.FromMinutes(5));

    public static Option<TimeSpan> UdpTimeout() => DurationOption("--udp-timeout", Strings.Option_UdpTimeout, TimeSpan.FromMinutes(2));

    public static Option<TimeSpan> Timeout() => DurationOption("--timeout", Strings.Option_Timeout, TimeSpan.FromSeconds(5));

    public static Option<int> RateLimit() => new("--rate-limit")
    {
        Description = Strings.Option_RateLimit,
        DefaultValueFactory = _ => 100,
        CustomParser = r => ParseNonNegative(r, "--rate-limit"),
        HelpName = "N",
    };

    public static Option<bool> NoLoopGuard() => new("--no-loop-guard")
    {
        Description = Strings.Option_NoLoopGuard,
    };

    public static Option<TimeFormat> Format() => new("--format", "-f")
    {
        Description = Strings.Option_Format,
        DefaultValueFactory = _ => TimeFormat.Ctime,
        CustomParser = ParseFormat,
        HelpName = "ctime|iso8601|rfc868",
    };

    /// <summary>HOST, default 127.0.0.1; <c>HOST:PORT</c> and <c>[v6]:PORT</c> carry the port too (see <see cref="Target"/>).</summary>
    public static Argument<HostArgument> Host() => new("HOST")
    {
        Description = Strings.Argument_Host,
        DefaultValueFactory = _ => new HostArgument("127.0.0.1", null),
        CustomParser = r =>
        {
            var (value, error) = HostSyntax.Split(r.Tokens.Count > 0 ? r.Tokens[0].Value : "127.0.0.1");
            if (error is not null)
            {
                r.AddError(error);
            }

            return value;
        },
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Refuses a port given both in HOST:PORT and as PORT: which one was meant cannot be guessed.</summary>
    public static void RefusePortTwice(Command command, Argument<HostArgument> host, Argument<int> port) =>
        command.Validators.Add(r =>
        {
            // The token is split again: the argument's value cannot be read here when its parser reported an error.
            if (r.GetResult(host) is { Tokens.Count: > 0 } hostResult
                && r.GetResult(port) is { Tokens.Count: > 0 } portResult
                && HostSyntax.Split(hostResult.Tokens[0].Value) is ({ Port: { } inHost } value, null))
            {
                r.AddError(PortTwice(hostResult.Tokens[0].Value, value.Host, inHost, portResult.Tokens[0].Value));
            }
        });

    /// <summary>The message for a port given twice, shared with commands whose PORT is optional.</summary>
    public static string PortTwice(string hostText, string host, int port, string portText) =>
        string.Format(Strings.Host_PortTwice, hostText, portText, host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host, port);

    /// <summary>The host and port to use: the port of HOST:PORT, else PORT (or its default).</summary>
    public static (string Host, int Port) Target(ParseResult result, Argument<HostArgument> host, Argument<int> port)
    {
        var value = result.GetValue(host);
        return (value.Host, value.Port ?? result.GetValue(port));
    }

    public static Argument<int> PortArgument() => new("PORT")
    {
        Description = string.Format(Strings.Argument_Port, DefaultPort),
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

        r.AddError(string.Format(Strings.Usage_InvalidTime, name, text));
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

    /// <summary>
    /// The <c>CustomParser</c> of a <c>--port</c> option or PORT argument that is optional and has no default: the port
    /// (1-65535), or null and "invalid port" (every kind of <see cref="PortSyntaxError"/> is worded the same on the command line).
    /// </summary>
    public static int? ParseOptionalPort(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (PortSyntax.TryParsePort(text, allowZero: false, out var port, out _))
        {
            return port;
        }

        result.AddError(string.Format(Strings.Usage_InvalidPort, text));
        return null;
    }

    private static int ParsePort(ArgumentResult result, bool allowZero)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (PortSyntax.TryParsePort(text, allowZero, out var port, out _))
        {
            return port;
        }

        result.AddError(string.Format(allowZero ? Strings.Usage_InvalidPortOrZero : Strings.Usage_InvalidPort, text));
        return 0;
    }

    private static int ParsePositive(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        result.AddError(string.Format(Strings.Usage_InvalidPositive, name, text));
        return 1;
    }

    private static int ParseNonNegative(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError(string.Format(Strings.Usage_InvalidNonNegative, name, text));
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
                result.AddError(string.Format(Strings.Usage_InvalidFormat, text));
                return TimeFormat.Ctime;
        }
    }
}
