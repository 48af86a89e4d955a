using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Services.Bench;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog bench echo|udp-echo|time [HOST] [PORT] --connections N --size BYTES [--pipeline K] [--duration 10s] [--warmup 1s] [--json]</c>:
/// a closed-loop load against any echo or time server, the students' C servers included.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("bench", "Load an echo or time server with many connections; report round trips/s, MB/s, latency percentiles and errors.")
        {
            Kind(console, BenchKind.Echo, "echo", "TCP echo ping-pong: each connection sends a message, waits for the echo, checks every byte, repeats."),
            Kind(console, BenchKind.UdpEcho, "udp-echo", "UDP echo: numbered datagrams; loss, reordering and wrong bytes counted."),
            Kind(console, BenchKind.Time, "time", "TCP time server: connect, read to EOF, close, as fast as possible."),
        };
        return command;
    }

    private static Command Kind(ICliConsole console, BenchKind kind, string name, string description)
    {
        var host = CommonOptions.Host();
        var port = CommonOptions.PortArgument();
        var connections = new Option<int>("--connections", "-c")
        {
            Description = kind == BenchKind.UdpEcho ? "UDP sockets sending at once. Default: 1." : kind == BenchKind.Time ? "Clients connecting at once. Default: 1." : "Connections at once. Default: 1.",
            DefaultValueFactory = _ => 1,
            CustomParser = r => ParseCount(r, "--connections", BenchOptions.MaxConnections),
            HelpName = "N",
        };
        var size = new Option<int>("--size", "-s")
        {
            Description = kind == BenchKind.UdpEcho
                ? "Bytes per datagram, at least 8 (the sequence number); k = 1024. Default: 64."
                : "Bytes per message; k = 1024, m = 1024 k (e.g. 64k). Default: 64.",
            DefaultValueFactory = _ => 64,
            CustomParser = r => ParseSize(r, kind),
            HelpName = "BYTES",
        };
        var pipeline = new Option<int>("--pipeline")
        {
            Description = "Messages in flight per connection (1 = strict ping-pong). Default: 1.",
            DefaultValueFactory = _ => 1,
            CustomParser = r => ParseCount(r, "--pipeline", 1024),
            HelpName = "K",
        };
        var duration = CommonOptions.DurationOption("--duration", "How long to measure, after the warm-up. Default: 10s.", TimeSpan.FromSeconds(10));
        var warmup = new Option<TimeSpan>("--warmup")
        {
            Description = "Load applied first but not counted (JIT, TCP slow start). Default: 1s; 0 for none.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
            HelpName = "TIME",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (Infrastructure.Duration.TryParse(text, out var value))
                {
                    return value;
                }

                r.AddError($"invalid time for --warmup: '{text}'. Use a number with ms, s, m or h, e.g. 500ms, 1s; 0 for none.");
                return TimeSpan.Zero;
            },
        };
        var timeout = CommonOptions.DurationOption(
            "--timeout",
            kind == BenchKind.UdpEcho
                ? "With no reply for this long, the datagrams in flight count as lost. Default: 1s."
                : "A connect or a reply taking longer counts as timed out, and the connection is replaced. Default: 5s.",
            kind == BenchKind.UdpEcho ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5));
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (no live line)." };

        var command = new Command(name, description);
        command.Add(host);
        command.Add(port);
        command.Add(connections);
        if (kind != BenchKind.Time)
        {
            command.Add(size);
            command.Add(pipeline);
        }

        command.Add(duration);
        command.Add(warmup);
        command.Add(timeout);
        command.Add(json);
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, async token =>
        {
            var options = new BenchOptions
            {
                Kind = kind,
                Host = result.GetValue(host)!,
                Port = result.GetValue(port),
                Connections = result.GetValue(connections),
                Size = kind == BenchKind.Time ? 0 : result.GetValue(size),
                Pipeline = kind == BenchKind.Time ? 1 : result.GetValue(pipeline),
                Duration = result.GetValue(duration),
                Warmup = result.GetValue(warmup),
                Timeout = result.GetValue(timeout),
            };
            if ((long)options.Size * options.Pipeline > BenchOptions.MaxSize)
            {
                throw new UsageException($"--size × --pipeline is more than {BenchOptions.MaxSize / (1024 * 1024)} MiB in flight per connection: lower one of them.");
            }

            var asJson = result.GetValue(json);
            var live = !asJson && console.IsOutputInteractive ? new BenchLiveLine(console.Error, options) : null;
            // Ctrl+C ends the run early; what was measured until then is still reported.
            var bench = await BenchRunner.RunAsync(options, live is null ? null : live.Show, token).ConfigureAwait(false);
            live?.Clear();
            if (asJson)
            {
                BenchJson.Write(console.Out, bench);
            }
            else
            {
                foreach (var line in BenchText.Lines(bench))
                {
                    console.Out.WriteLine(line);
                }
            }

            if (bench.Operations == 0 && bench.FirstError is { } error)
            {
                return (ExitCode)CommandRunner.Fail(console, ErrorText.Describe(error), ExitCode.Failure);
            }

            if (!bench.Clean)
            {
                return (ExitCode)CommandRunner.Fail(console, BenchText.Verdict(bench), ExitCode.Failure);
            }

            return ExitCode.Success;
        }, ct));
        return command;
    }

    private static int ParseCount(ArgumentResult result, string name, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        result.AddError($"invalid value for {name}: '{text}'. Use a whole number from 1 to {max.ToString("N0", CultureInfo.InvariantCulture)}.");
        return 1;
    }

    private static int ParseSize(ArgumentResult result, BenchKind kind)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var min = kind == BenchKind.UdpEcho ? 8 : 1;
        var max = kind == BenchKind.UdpEcho ? BenchOptions.MaxDatagramSize : BenchOptions.MaxSize;
        var span = text.AsSpan().Trim();
        long multiplier = 1;
        var lower = span.ToString().ToLowerInvariant();
        foreach (var (suffix, factor) in new[] { ("kib", 1024L), ("mib", 1024L * 1024), ("kb", 1024L), ("mb", 1024L * 1024), ("k", 1024L), ("m", 1024L * 1024), ("b", 1L) })
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = factor;
                lower = lower[..^suffix.Length];
                break;
            }
        }

        if (long.TryParse(lower, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number * multiplier >= min && number * multiplier <= max)
        {
            return (int)(number * multiplier);
        }

        result.AddError($"invalid --size '{text}': use a number of bytes from {min} to {max.ToString("N0", CultureInfo.InvariantCulture)}, e.g. 64 or 64k.");
        return min;
    }
}
