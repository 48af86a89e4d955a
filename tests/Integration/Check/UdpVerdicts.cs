using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary>What the UDP check tests share: the options that run this family's checks, and the exact verdicts asserted.</summary>
internal static class UdpVerdicts
{
    /// <summary>Short enough that a silent server costs the suite little, long enough for a loaded machine on loopback.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static readonly string[] Echo =
        [CheckIds.UdpTruncation, CheckIds.UdpEmpty, CheckIds.BinaryData, CheckIds.StaleBytes, CheckIds.UdpReplySource, CheckIds.UdpMultiClient];

    public static readonly string[] Time = [CheckIds.UdpEmpty, CheckIds.UdpReplySource, CheckIds.UdpMultiClient];

    /// <summary>reachable (which runs first, and without which the others are skipped) and the family's checks, or <paramref name="only"/>.</summary>
    public static CheckOptions Options(CheckKind kind, params string[] only) => new()
    {
        Timeout = Timeout,
        Only = new HashSet<string>([CheckIds.Reachable, .. only.Length > 0 ? only : kind == CheckKind.UdpEchoServer ? Echo : Time], StringComparer.Ordinal),
    };

    public static CheckResult Of(CheckReport report, string id) => Assert.Single(report.Checks, c => c.Id == id);

    /// <summary>reachable passed, then the verdicts in the order of <see cref="Echo"/>; a WARN or FAIL has a cause and a fix.</summary>
    public static void AssertEcho(CheckReport report, params CheckVerdict[] verdicts) => AssertVerdicts(report, Echo, verdicts);

    public static void AssertTime(CheckReport report, params CheckVerdict[] verdicts) => AssertVerdicts(report, Time, verdicts);

    private static void AssertVerdicts(CheckReport report, string[] ids, CheckVerdict[] verdicts)
    {
        string actual = string.Join("\n", report.Checks.Select(c => $"{c.Id} {c.Verdict}: {c.Observed} | {c.Cause}"));
        Assert.True(
            report.Checks.Select(c => c.Id).SequenceEqual([CheckIds.Reachable, .. ids]),
            $"checks in another order or set:\n{actual}");
        Assert.True(
            report.Checks.Select(c => c.Verdict).SequenceEqual([CheckVerdict.Pass, .. verdicts]),
            $"verdicts differ from reachable=Pass, {string.Join(", ", ids.Zip(verdicts, (id, v) => $"{id}={v}"))}:\n{actual}");
        Assert.All(
            report.Checks.Where(c => c.Verdict is CheckVerdict.Warn or CheckVerdict.Fail),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Cause) || string.IsNullOrWhiteSpace(c.Fix), $"{c.Id} has no cause or fix"));
    }
}
