using NetProg.Capture.Pcap;

namespace NetProg.Cli.Commands;

/// <summary>
/// The user a root capture runs for: sudo sets <c>SUDO_UID</c> and <c>SUDO_GID</c> to the invoking user's ids (sudo(8),
/// "Command environment"), and the capture's files are given to them, as tcpdump's <c>-Z</c> gives its file to the user it
/// drops to (tcpdump(8)). Without it a student's own capture would be root's, and unreadable to them (the files are 0600).
/// </summary>
internal static class SudoOwner
{
    /// <summary>The owner, when running as root with both variables set to ids other than root's; otherwise null (nothing is chowned).</summary>
    /// <param name="variable">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="privileged">Running as root (<see cref="Environment.IsPrivilegedProcess"/>): only root may give a file away.</param>
    public static FileOwner? From(Func<string, string?> variable, bool privileged)
    {
        if (!privileged || OperatingSystem.IsWindows()
            || !uint.TryParse(variable("SUDO_UID"), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || !uint.TryParse(variable("SUDO_GID"), NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            || uid == 0)
        {
            return null;
        }

        return new FileOwner(uid, gid);
    }
}
