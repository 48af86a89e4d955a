using NetProg.Services.Bench;

namespace NetProg.Cli.Rendering;

/// <summary>The once-a-second progress line of <c>netprog bench</c> at a terminal, rewritten in place on stderr.</summary>
internal sealed class BenchLiveLine(TextWriter error, BenchOptions options)
{
    private int _width;

    public void Show(BenchProgress p)
    {
        var phase = p.WarmingUp ? Strings.Bench_Live_Warming : Strings.Bench_Live_Measuring;
        var total = p.WarmingUp ? options.Warmup : options.Duration;
        var unit = options.Kind switch { BenchKind.Echo => Strings.Bench_Unit_RoundTrips, BenchKind.UdpEcho => Strings.Bench_Unit_Datagrams, _ => Strings.Bench_Unit_Connections };
        var line = string.Format(
            CultureInfo.InvariantCulture, Strings.Bench_Live, phase, p.Elapsed.TotalSeconds, total.TotalSeconds, p.RatePerSecond, unit, p.OpenConnections, p.Errors);
        var pad = Math.Max(0, _width - line.Length);
        _width = line.Length;
        lock (error)
        {
            error.Write("\r" + line + new string(' ', pad));
            error.Flush();
        }
    }

    public void Clear()
    {
        if (_width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            error.Flush();
        }
    }
}
