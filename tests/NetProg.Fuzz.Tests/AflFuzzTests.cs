using Xunit.Abstractions;

namespace NetProg.Fuzz.Tests;

/// <summary>
/// CI's bounded fuzzing run (docs/FUZZING.md): fuzz/run.sh gives every target a few seconds under afl-fuzz, starting from the
/// committed seeds, and this test fails with the crashing inputs' paths when one is found. Skipped, with the reason
/// printed, where afl-fuzz cannot run (not Linux, or not installed and not root).
/// </summary>
public sealed class AflFuzzTests(ITestOutputHelper output)
{
    // 5 targets x 15 s, plus about 5 s each to start, and the harness build: about two minutes. The test host's own
    // hang timeout (test.sh: 5 minutes) is the last resort; this one names the script.
    private const int SecondsPerTarget = 15;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Should_find_no_crash_or_hang_in_a_short_run_of_every_target()
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("skipped: AFL++ runs on Linux only");
            return;
        }

        // When
        var (exitCode, text) = await ProcessRunner.RunAsync(
            "bash",
            // --no-build: this test's build already built the harness, and a second build could race the solution build
            // dotnet test may still be running for other projects.
            [RepositoryPaths.RunScript, "--no-build", "--seconds", SecondsPerTarget.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Deadline);
        output.WriteLine(text);

        // Then
        if (exitCode == 3)
        {
            output.WriteLine("skipped: fuzz/run.sh cannot fuzz on this machine (reason above)");
            return;
        }

        Assert.True(exitCode == 0, $"fuzz/run.sh exited {exitCode}:\n{text}");
        Assert.Equal(FuzzTargets.All.Count, text.Split('\n').Count(line => line.Contains(" execs in ", StringComparison.Ordinal)));
    }
}
