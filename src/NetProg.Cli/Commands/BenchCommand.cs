using System.CommandLine;
using System.CommandLine.Parsing;
using NetProg.Cli.Infrastructure;
using NetProg.Cli.Rendering;
using NetProg.Services.Bench;
using NetProg.Services.Clients;
using NetProg.Transport;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog bench echo|udp-echo|time [HOST] [PORT] --connections N --size BYTES [--pipeline K] [--duration 10s] [--warmup 1s] [--json]</c>:
/// a closed-loop load against any echo or time server, the students' C servers included.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(ICliConsole console)
    {
        var command = new Command("bench", Strings.Bench_Description)
        {
            Kind(console, BenchKind.Echo, "echo", Strings.Bench_Echo_Description),
            Kind(console, BenchKind.UdpEcho, "udp-echo", Strings.Bench_UdpEcho_Description),
            Kind(console, BenchKind.Time, "time", Strings.Bench_Time_Description),
        };
        return command;
    }

    private static Command Kind(ICliConsole console, BenchKind kind, string name, string description)
    {
        var connections = new Option<int>("--connections", "-c")
        {
            Description = kind == BenchKind.UdpEcho ? Strings.Bench_Option_UdpSockets : kind == BenchKind.Time ? Strings.Bench_Option_Clients : Strings.Bench_Option_Connections,
            DefaultValueFactory = _ => 1,
            CustomParser = r => ParseCount(r, "--connections", BenchOptions.MaxConnections),
            HelpName = "N",
        };
        var size = new Option<int>("--size", "-s")
        {
            Description = kind == BenchKind.UdpEcho
                ? Strings.Bench_Option_DatagramSize
                : Strings.Bench_Option_Size,
            DefaultValueFactory = _ => 64,
            CustomParser = r => ParseSize(r, kind),
            HelpName = "BYTES",
        };
        var pipeline = new Option<int>("--pipeline")
        {
            Description = Strings.Bench_Option_Pipeline,
            DefaultValueFactory = _ => 1,
            CustomParser = r => ParseCount(r, "--pipeline", 1024),
            HelpName = "K",
        };
        var duration = CommonOptions.DurationOption("--duration", Strings.Bench_Option_Duration, TimeSpan.FromSeconds(10));
        var warmup = new Option<TimeSpan>("--warmup")
        {
            Description = Strings.Bench_Option_Warmup,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
            HelpName = "TIME",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (Infrastructure.Duration.TryParse(text, out var value))
                {
                    return value;
                }

                r.AddError(string.Format(Strings.Bench_InvalidWarmup, text));
                return TimeSpan.Zero;
            },
        };
        var timeout = CommonOptions.DurationOption(
            "--timeout",
            kind == BenchKind.UdpEcho
                ? Strings.Bench_Option_UdpTimeout
                : Strings.Bench_Option_Timeout,
            kind == BenchKind.UdpEcho ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5));
        var json = new Option<bool>("--json") { Description = Strings.Bench_Option_Json };

        var command = new Command(name, description);
        var server = ClientTarget.AddTo(command);
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
            var (target, portNumber) = server.Read(result);
            var options = new BenchOptions
            {
                Kind = kind,
                Host = target,
                Port = portNumber,
                Connections = result.GetValue(connections),
                Size = kind == BenchKind.Time ? 0 : result.GetValue(size),
                Pipeline = kind == BenchKind.Time ? 1 : result.GetValue(pipeline),
                Duration = result.GetValue(duration),
                Warmup = result.GetValue(warmup),
                Timeout = result.GetValue(timeout),
            };
            if ((long)options.Size * options.Pipeline > BenchOptions.MaxSize)
            {
                throw new UsageException(string.Format(kind == BenchKind.UdpEcho ? Strings.Bench_TooMuchInFlightUdp : Strings.Bench_TooMuchInFlight, BenchOptions.MaxSize / (1024 * 1024)));
            }

            // The load's work per echo is a byte check and a histogram entry: with each completion queued to the thread pool
            // instead, netprog bench measured itself, at 0.54-0.65 of the C load generator against the same C server
            // (bench/history/2026-11-steps-1-27.md, step 25). No socket is made before this line; the live line is written
            // by its own timer.
            InlineSocketCompletions.Enable();
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

            if (bench.Operations == 0 && WrongService(bench) is { } wrong)
            {
                return (ExitCode)CommandRunner.Fail(console, ErrorText.Describe(wrong, bench: true), ExitCode.Failure);
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

    /// <summary>The run's facts as the clients' wrong-service error, so that both say it in the same words.</summary>
    private static WrongServiceException? WrongService(BenchResult bench)
    {
        var expected = bench.Options.Kind == BenchKind.Time ? ExpectedService.Time : ExpectedService.Echo;
        var protocol = bench.Options.Kind == BenchKind.UdpEcho ? TransportProtocol.Udp : TransportProtocol.Tcp;
        if (bench.ForeignReply is { } reply)
        {
            return new WrongServiceException(expected, reply, bench.Target, protocol) { RequestBytes = bench.Options.Size };
        }

        return bench.Options.Kind == BenchKind.Time && bench.LongestSilence is { } silence
            ? new WrongServiceException(expected, new ForeignReply(ForeignReplyKind.Empty, string.Empty, 0), bench.Target, protocol) { Silence = silence }
            : null;
    }

    private static int ParseCount(ArgumentResult result, string name, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        result.AddError(string.Format(Strings.Bench_InvalidCount, name, text, max.ToString("N0", CultureInfo.InvariantCulture)));
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

        result.AddError(string.Format(Strings.Bench_InvalidSize, text, min, max.ToString("N0", CultureInfo.InvariantCulture)));
        return min;
    }
}
