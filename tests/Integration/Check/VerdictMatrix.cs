using System.Text.Json;
using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// The verdict matrix: every check of a kind, run the way a user runs it (the real netprog, the checker starting the
/// program), against one program, must give exactly the verdicts expected, both in Korean text and in <c>--json</c>
/// (whose texts are English, as every netprog --json). The family tests assert the same programs check by check
/// through the services; this runs every family together, as a user gets them, so a check that misleads another
/// family's check, or a verdict or a finding only one renderer or one language gets wrong, shows here.
/// </summary>
internal static partial class VerdictMatrix
{
    /// <summary>A target is bounded by 30 s; the CLI's start and the program's stop come on top, and a loaded CI machine too.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <c>netprog --lang ko check KIND OPTIONS -- COMMAND</c>, then the same with <c>--json</c> (each
    /// its own instance of the program: <paramref name="command"/> is called twice, for two free ports or two plays) and
    /// asserts the verdict of every check of the kind in both: <paramref name="expected"/> lists those that are not PASS
    /// as <c>verdict:id</c> ("fail:bulk skip:clock").
    /// </summary>
    public static async Task AssertAsync(string kind, IReadOnlyList<string> options, Func<IReadOnlyList<string>> command, string expected, string? stdinFile = null)
    {
        Assert.True(CheckKinds.TryParse(kind, out CheckKind parsed), kind);
        Dictionary<string, string> others = expected
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':'))
            .ToDictionary(pair => pair[1], pair => pair[0], StringComparer.Ordinal);
        Assert.All(others.Keys, id => Assert.Contains(id, CheckIds.For(parsed)));

        // One after the other: two buggy servers at once (a busy loop spins a core each) on a 2-core CI machine turned
        // load-dependent verdicts of the checks and of other suites into failures.
        using ChildProcess korean = NetProgApp.Start(["--lang", "ko", "check", kind, .. options, "--", .. command()], stdinFile);
        int koreanExit = await korean.WaitForExitAsync(RunTimeout);
        using ChildProcess json = NetProgApp.Start(["check", kind, .. options, "--json", "--", .. command()], stdinFile);
        int[] exits = [koreanExit, await json.WaitForExitAsync(RunTimeout)];

        int exit = others.ContainsValue("fail") ? 1 : 0;
        AssertKorean(parsed, others, korean, exits[0], exit);
        AssertJson(parsed, others, json, exits[1], exit);
    }

    /// <summary>
    /// A port free for a program that binds without SO_REUSEADDR, as a string for its command line; with
    /// <paramref name="swapped"/> its byte-swapped port is free and unprivileged too (for a program that forgets htons()).
    /// </summary>
    public static string Port(bool swapped = false) => LocalCheckRun.Text(LocalCheckRun.FreePort(swapped));

    private static void AssertKorean(CheckKind kind, Dictionary<string, string> others, ChildProcess check, int exit, int expectedExit)
    {
        // "  FAIL id   observed", then "   원인: ..." and "   고칠 점: ..." under a WARN or FAIL.
        var verdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        var findings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? last = null;
        foreach (string line in check.StdoutLines)
        {
            if (CheckLine().Match(line) is { Success: true } m)
            {
                last = m.Groups["id"].Value;
                verdicts[last] = m.Groups["verdict"].Value.ToLowerInvariant();
                findings[last] = [m.Groups["observed"].Value];
            }
            else if (last is not null && line.StartsWith("    ", StringComparison.Ordinal))
            {
                findings[last].Add(line.Trim());
            }
        }

        string actual = check.StdoutText + check.StderrText;
        AssertVerdicts(kind, others, verdicts, "Korean text", actual);
        Assert.True(exit == expectedExit, $"Korean text: exit {exit}, expected {expectedExit}\n{actual}");
        foreach ((string id, string verdict) in verdicts.Where(v => v.Value != "pass"))
        {
            List<string> lines = findings[id];
            Assert.True(IsKorean(lines[0]), $"{id}: not in Korean: {lines[0]}");
            if (verdict is "fail" or "warn")
            {
                Assert.True(lines.Any(l => l.StartsWith("원인:", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("고칠 점:", StringComparison.Ordinal)), $"{id}: no cause or fix in Korean\n{actual}");
            }
        }

        OutputAssert.NoStackTrace(check);
    }

    private static void AssertJson(CheckKind kind, Dictionary<string, string> others, ChildProcess check, int exit, int expectedExit)
    {
        string actual = check.StdoutText + check.StderrText;
        using JsonDocument document = JsonDocument.Parse(check.StdoutText);
        JsonElement[] checks = [.. document.RootElement.GetProperty("checks").EnumerateArray()];
        Dictionary<string, string> verdicts = checks.ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("verdict").GetString()!, StringComparer.Ordinal);
        AssertVerdicts(kind, others, verdicts, "--json", actual);
        Assert.True(exit == expectedExit, $"--json: exit {exit}, expected {expectedExit}\n{actual}");
        Assert.All(
            checks.Where(c => c.GetProperty("verdict").GetString() is "fail" or "warn"),
            c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("cause").GetString()) || string.IsNullOrWhiteSpace(c.GetProperty("fix").GetString()), $"{c.GetProperty("id")}: no cause or fix"));
        Assert.Equal(CheckKinds.Name(kind), document.RootElement.GetProperty("kind").GetString());
    }

    /// <summary>Every check of the kind once (port-byte-order may move up, right after reachable), each with its verdict.</summary>
    private static void AssertVerdicts(CheckKind kind, Dictionary<string, string> others, Dictionary<string, string> verdicts, string what, string actual)
    {
        IReadOnlyList<string> ids = CheckIds.For(kind);
        Assert.True(verdicts.Keys.Order(StringComparer.Ordinal).SequenceEqual(ids.Order(StringComparer.Ordinal)), $"{what}: another set of checks\n{actual}");
        string[] wrong = [.. ids.Where(id => verdicts[id] != others.GetValueOrDefault(id, "pass")).Select(id => $"{id}: {verdicts[id]}, expected {others.GetValueOrDefault(id, "pass")}")];
        Assert.True(wrong.Length == 0, $"{what}: {string.Join("; ", wrong)}\n{actual}");
    }

    private static bool IsKorean(string text) => text.Any(ch => ch is >= '\uAC00' and <= '\uD7A3');

    [GeneratedRegex(@"^  (?<verdict>PASS|WARN|FAIL|SKIP) (?<id>[a-z0-9-]+) +(?<observed>.*)$")]
    private static partial Regex CheckLine();
}
