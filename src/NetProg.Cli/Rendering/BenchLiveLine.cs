using System.Globalization;
using NetProg.Services.Bench;

namespace NetProg.Cli.Rendering;

/// <summary>The once-a-second progress line of <c>netprog bench</c> at a terminal, rewritten in place on stderr.</summary>
internal sealed class BenchLiveLine(TextWriter error, BenchOptions options)
{
    private int _width;

    public void Show(BenchProgress p)
    {
        var phase = p.WarmingUp ? "warming up" : "measuring";
        var total = p.WarmingUp ? options.Warmup : options.Duration;
        var unit = options.Kind switch { BenchKind.Echo => "round trips/s", BenchKind.UdpEcho => "datagrams/s", _ => "connections/s" };
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{phase} {p.Elapsed.TotalSeconds:0}/{total.TotalSeconds:0} s: {p.RatePerSecond:N0} {unit}, {p.OpenConnections:N0} open, {p.Errors:N0} errors");
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
