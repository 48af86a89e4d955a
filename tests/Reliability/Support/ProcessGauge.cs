namespace NetProg.Reliability.Tests.Support;

/// <summary>What the kernel says about a server process: resident memory and open descriptors (Linux /proc, proc(5)).</summary>
public static class ProcessGauge
{
    /// <summary>VmRSS of /proc/PID/status, in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }

    /// <summary>Entries of /proc/PID/fd: every file, pipe, socket and epoll instance the process holds.</summary>
    public static int OpenDescriptors(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>User plus system CPU time of the process (/proc/PID/stat fields 14 and 15, in clock ticks of 10 ms).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>
    /// Waits until the process has used less than 5% of a core over a quarter of a second: the work a burst gave it is done.
    /// Returns false if that does not happen within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<bool> QuietAsync(int pid, TimeSpan timeout)
    {
        var window = TimeSpan.FromMilliseconds(250);
        var deadline = DateTime.UtcNow + timeout;
        var last = CpuTime(pid);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(window);
            var now = CpuTime(pid);
            if (now - last <= window / 20)
            {
                return true;
            }

            last = now;
        }

        return false;
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
