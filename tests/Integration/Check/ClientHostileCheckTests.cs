using System.Diagnostics;
using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.ClientCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>
/// A hostile client — it ignores SIGTERM, never exits, floods its stdout with binary bytes and the server with garbage —
/// is a FAIL on every check, never a hang: each check ends within its bounds, and no process of it is left.
/// </summary>
public sealed class ClientHostileCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    /// <summary>Short: every check waits the whole timeout for an exit that never comes.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Room for every check on a loaded machine (a hostile run takes about 20 s): the checks' own bounds are what is
    /// tested here; past the usual 30 s the checks left would be skipped, saying so.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(CheckKind.EchoClient)]
    [InlineData(CheckKind.UdpTimeClient)]
    public async Task Should_fail_every_check_within_the_target_budget_and_leave_no_process_When_the_client_is_hostile(CheckKind kind)
    {
        // Given the hostile client
        var clock = Stopwatch.StartNew();

        // When every check of the kind runs against it
        CheckReport report = await RunAsync(kind, programs.PathOf("client_hostile"), [], Timeout, Budget);

        // Then every check fails (and says so with a cause and a fix), each within its bounds, and the client, killed at
        // last (SIGKILL), is gone (RunAsync asserts it); the observed texts stay short, whatever it flooded
        AssertVerdicts(report, [.. CheckIds.For(kind).Select(id => (id, CheckVerdict.Fail))]);
        Assert.True(clock.Elapsed < Budget, $"the checks took {clock.Elapsed}");
        Assert.All(report.Checks, c => Assert.True(c.Observed.Length < 1_000, $"{c.Id}'s observed text is {c.Observed.Length} characters long"));
    }
}
