namespace NetProg.Services.Check.Local;

/// <summary>
/// Linux, from proc(5): descriptors are the entries of /proc/PID/fd; CPU is the sum over /proc/PID/task/*/schedstat
/// (nanoseconds on a CPU, nanoseconds waiting on a run queue; sched-stats.rst), else utime + stime of /proc/PID/stat;
/// children are found through the parent field of every /proc/PID/stat.
/// </summary>
internal sealed class LinuxProcessProbe : IProcessProbe
{
    // USER_HZ: the unit of utime and stime, 100 on every Linux architecture that netprog runs on (times(2)).
    private const double TicksPerSecond = 100;

    public string? NoDescriptors => null;

    public int? Descriptors(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{Id(pid)}/fd").Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public CpuUse? Cpu(int pid)
    {
        try
        {
            var onCpu = 0L;
            var waiting = 0L;
            var any = false;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{Id(pid)}/task"))
            {
                if (ReadSchedstat(Path.Combine(task, "schedstat")) is { } sample)
                {
                    onCpu += sample.OnCpu;
                    waiting += sample.Waiting;
                    any = true;
                }
            }

            if (any)
            {
                return new CpuUse(TimeSpan.FromTicks(onCpu / 100), TimeSpan.FromTicks(waiting / 100));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or a kernel without schedstat: the stat file below says what it can.
        }

        return ProcStat.Read(pid) is { } stat
            ? new CpuUse(TimeSpan.FromSeconds((stat.UserTicks + stat.SystemTicks) / TicksPerSecond), null)
            : null;
    }

    public IReadOnlyList<int> Descendants(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && ProcStat.Read(id) is { State: not 'Z' and not 'X' } stat)
                {
                    (children.TryGetValue(stat.ParentId, out var list) ? list : children[stat.ParentId] = []).Add(id);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var parent) && found.Count < 10_000)
        {
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>"on-cpu-ns runqueue-ns timeslices".</summary>
    internal static (long OnCpu, long Waiting)? ParseSchedstat(string text)
    {
        var fields = text.Trim().Split(' ');
        return fields.Length >= 2
            && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var onCpu)
            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var waiting)
            ? (onCpu, waiting)
            : null;
    }

    private static (long OnCpu, long Waiting)? ReadSchedstat(string path)
    {
        try
        {
            return ParseSchedstat(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Id(int pid) => pid.ToString(CultureInfo.InvariantCulture);
}
