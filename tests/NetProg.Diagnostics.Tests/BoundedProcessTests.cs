using System.Diagnostics;
using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

public sealed class BoundedProcessTests
{
    [LinuxFact]
    public void Should_return_stdout_even_when_the_exit_code_is_not_zero()
    {
        // lsof exits 1 when nothing matched, yet its output (empty or not) is the answer.
        Assert.Equal("p1\n", BoundedProcess.TryRun("/bin/sh", ["-c", "printf 'p1\\n'; echo noise >&2; exit 1"], TimeSpan.FromSeconds(2)));
    }

    [LinuxFact]
    public void Should_give_up_and_kill_a_tool_that_overruns()
    {
        var clock = Stopwatch.StartNew();

        Assert.Null(BoundedProcess.TryRun("/bin/sh", ["-c", "sleep 30"], TimeSpan.FromMilliseconds(300)));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Should_return_null_when_the_tool_is_missing()
    {
        Assert.Null(BoundedProcess.TryRun("netprog-no-such-tool", [], TimeSpan.FromSeconds(1)));
    }
}
