namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// Runs a command whose host name lookups must not leave the machine: in a private mount namespace
/// (<c>unshare --mount</c>, root only) where /etc/nsswitch.conf says <c>hosts: files</c>, so getaddrinfo reads
/// /etc/hosts and answers "not found" without asking the DNS server in /etc/resolv.conf (which is not on loopback).
/// </summary>
public static class OfflineResolver
{
    public static ChildProcess Start(TempFolder folder, string fileName, IEnumerable<string> arguments)
    {
        string unshare = ExecutableSearch.Require("unshare", "util-linux");
        string nsswitch = folder.WriteText("nsswitch.conf", "hosts: files\n");
        return ChildProcess.Start(
            unshare,
            ["--mount", "/bin/sh", "-c", "mount --bind \"$NETPROG_TEST_NSSWITCH\" /etc/nsswitch.conf && exec \"$@\"", "sh", fileName, .. arguments],
            environment: new Dictionary<string, string> { ["NETPROG_TEST_NSSWITCH"] = nsswitch });
    }

    /// <summary>Fails with a clear message when the namespace itself could not be set up (not root, no CAP_SYS_ADMIN).</summary>
    public static void EnsureNamespaceWorked(ChildProcess process)
    {
        string? failure = process.StderrLines.FirstOrDefault(line => line.StartsWith("unshare:", StringComparison.Ordinal) || line.StartsWith("mount:", StringComparison.Ordinal));
        Assert.True(
            failure is null,
            $"this test keeps DNS queries on the machine with 'unshare --mount' and a private /etc/nsswitch.conf, which needs root: {failure}");
    }
}
