using NetProg.Services.Check;
using NetProg.Services.Check.Clients;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// What the client check tests share: running <see cref="ClientChecker"/> on a program with <c>{host} {port}</c> as its
/// last arguments, the exact verdict of every check of the kind, and that no process of the program outlived the checks.
/// </summary>
internal static class ClientCheckRun
{
    /// <summary>
    /// Short, so a client that hangs costs the suite little; the test clients give up after 1 s (client_common.h), well
    /// inside it, and a correct client answers in milliseconds.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>For the course's UDP clients, whose own receive timeout (SO_RCVTIMEO) is 5 s: the default --timeout.</summary>
    public static readonly TimeSpan CourseUdpTimeout = TimeSpan.FromSeconds(5);

    public static async Task<CheckReport> RunAsync(CheckKind kind, string program, IReadOnlyList<string> arguments, TimeSpan? timeout = null, TimeSpan? budget = null)
    {
        var request = new ClientCheckRequest(kind, new ProgramCommand(program, [.. arguments, "{host}", "{port}"]))
        {
            Options = new CheckOptions { Timeout = timeout ?? Timeout },
            TargetBudget = budget ?? TimeSpan.FromSeconds(30),
        };
        CheckReport report = await ClientChecker.RunAsync(request, CancellationToken.None);
        if (arguments.Count == 0)
        {
            // A C test client, which only this test runs (netprog's own clients share their dll with the servers of other tests).
            AssertNoProcessLeft(program);
        }

        return report;
    }

    public static CheckResult Of(CheckReport report, string id) => Assert.Single(report.Checks, c => c.Id == id);

    /// <summary>
    /// Every check of the report's kind ran, in the kind's order, each PASS except <paramref name="others"/>; a WARN or
    /// FAIL has a cause and a fix, and nothing is SKIPped unless asked for.
    /// </summary>
    public static void AssertVerdicts(CheckReport report, params (string Id, CheckVerdict Verdict)[] others)
    {
        string actual = string.Join("\n", report.Checks.Select(c => $"{c.Id} {c.Verdict}: {c.Observed} | {c.Cause}"));
        IReadOnlyList<string> ids = CheckIds.For(report.Kind);
        Assert.True(report.Checks.Select(c => c.Id).SequenceEqual(ids), $"checks in another order or set:\n{actual}");
        IEnumerable<CheckVerdict> expected = ids.Select(id => others.Where(o => o.Id == id).Select(o => o.Verdict).DefaultIfEmpty(CheckVerdict.Pass).Single());
        Assert.True(
            report.Checks.Select(c => c.Verdict).SequenceEqual(expected),
            $"verdicts differ from {string.Join(", ", ids.Zip(expected, (id, v) => $"{id}={v}"))}:\n{actual}");
        Assert.All(
            report.Checks.Where(c => c.Verdict is CheckVerdict.Warn or CheckVerdict.Fail),
            c => Assert.False(string.IsNullOrWhiteSpace(c.Cause) || string.IsNullOrWhiteSpace(c.Fix), $"{c.Id} has no cause or fix"));
    }

    public static void Says(string? text, string expected) => Assert.Contains(expected, text ?? string.Empty, StringComparison.Ordinal);

    /// <summary>No live process runs <paramref name="path"/> any more (each check stops its run of the client, group and all).</summary>
    public static void AssertNoProcessLeft(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var left = new List<string>();
        foreach (string directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                string status = File.ReadAllText(Path.Combine(directory, "stat"));
                string commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');

                // A zombie (state Z) holds nothing and is reaped by whoever is its parent; it is not left running.
                bool zombie = status[(status.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && commandLine.Contains(path, StringComparison.Ordinal))
                {
                    left.Add($"{Path.GetFileName(directory)}: {commandLine}");
                }
            }
            catch (IOException)
            {
                // It exited while being looked at.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        Assert.True(left.Count == 0, $"left running after the checks:\n{string.Join("\n", left)}");
    }
}
