using Xunit.Abstractions;

namespace NetProg.Integration.Tests;

/// <summary>
/// Binding a port below 1024 without privileges: one line that says why and what to do (README.md, "When it fails").
/// The test runs netprog as the unprivileged user <c>nobody</c>, so it needs root to switch users; as another user it
/// says so and returns.
/// </summary>
public sealed class PrivilegedPortTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_exit_1_and_explain_When_an_unprivileged_user_binds_a_port_below_1024()
    {
        // Given an unprivileged user (and a kernel that still reserves ports below 1024 for root)
        if (Environment.UserName != "root" || ExecutableSearch.Find("runuser") is null)
        {
            output.WriteLine("skipped: needs root and runuser to run netprog as 'nobody'");
            return;
        }

        var unprivilegedStart = File.Exists("/proc/sys/net/ipv4/ip_unprivileged_port_start")
            ? int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_unprivileged_port_start").Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : 1024;
        if (unprivilegedStart <= 80)
        {
            output.WriteLine($"skipped: net.ipv4.ip_unprivileged_port_start is {unprivilegedStart}, so port 80 needs no privilege here");
            return;
        }

        // When
        using ChildProcess server = ChildProcess.Start("runuser", ["-u", "nobody", "--", "dotnet", NetProgApp.DllPath, "time-server", "--port", "80"]);
        int code = await server.WaitForExitAsync(Waits.Exit);

        // Then
        Assert.True(code == 1, $"expected exit code 1, got {code}\n{server.Describe()}");
        var line = OutputAssert.SingleErrorLine(server);
        Assert.Contains("permission denied for port 80/tcp", line);
        Assert.Contains("below 1024", line);
        OutputAssert.NoStackTrace(server);
    }
}
