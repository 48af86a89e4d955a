namespace NetProg.Diagnostics.Internal;

/// <summary>
/// Where the helper tools netprog runs are looked for: the system's own folders, never <c>PATH</c> or the current folder.
/// Started by a bare name, a tool is looked up along <c>PATH</c> (execvp(3)), and on Windows CreateProcess searches the
/// application's folder and the current folder before the system folder ("CreateProcessW", lpApplicationName/lpCommandLine
/// search order): a <c>powershell.exe</c> or <c>nft</c> planted in a folder a student runs <c>netprog doctor</c> from, or
/// early on a <c>PATH</c>, would run with netprog's rights, root's under sudo.
/// </summary>
internal static class SystemTools
{
    /// <summary>
    /// Linux and macOS: where distributions and the base system install nft, iptables, ufw, firewall-cmd, lsof and netstat
    /// (Debian policy and the FHS: sbin for administration tools; macOS keeps netstat and lsof in /usr/sbin). Only root may
    /// write there.
    /// </summary>
    internal static readonly string[] UnixFolders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>
    /// The full path of the tool called <paramref name="name"/> (<c>nft</c>, <c>powershell.exe</c>), or null when none of
    /// the system's folders holds it. A name with a folder in it is returned as it is, when absolute.
    /// </summary>
    public static string? Find(string name) => Find(name, OperatingSystem.IsWindows() ? WindowsFolders() : UnixFolders);

    /// <summary>As <see cref="Find(string)"/>, in <paramref name="folders"/> (absolute ones only; a relative one is skipped).</summary>
    internal static string? Find(string name, IEnumerable<string> folders)
    {
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            return Path.IsPathFullyQualified(name) ? name : null;
        }

        foreach (var folder in folders)
        {
            if (!Path.IsPathFullyQualified(folder))
            {
                continue;
            }

            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>System32, and the folder Windows PowerShell 5.1 lives in under it (it is not in System32 itself).</summary>
    private static string[] WindowsFolders()
    {
        var system = Environment.SystemDirectory;
        return [system, Path.Combine(system, "WindowsPowerShell", "v1.0")];
    }
}
