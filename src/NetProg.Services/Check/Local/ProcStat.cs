namespace NetProg.Services.Check.Local;

/// <summary>
/// The fields of Linux's <c>/proc/PID/stat</c> the checks use (proc(5)): state, parent, process group, and the CPU
/// time in clock ticks. Pure parsing; <see cref="Read"/> reads the file.
/// </summary>
public sealed record ProcStat(char State, int ParentId, int ProcessGroup, long UserTicks, long SystemTicks)
{
    /// <summary>
    /// Parses "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...". comm may
    /// hold spaces and parentheses (a process names itself), so the fields are read after the last ')'.
    /// </summary>
    public static ProcStat? Parse(string text)
    {
        var end = text.LastIndexOf(')');
        if (end < 0 || end + 2 >= text.Length)
        {
            return null;
        }

        var fields = text[(end + 2)..].Split(' ');
        if (fields.Length < 13 || fields[0].Length != 1)
        {
            return null;
        }

        return Int(fields[1]) is { } parent && Int(fields[2]) is { } group && Long(fields[11]) is { } user && Long(fields[12]) is { } system
            ? new ProcStat(fields[0][0], parent, group, user, system)
            : null;
    }

    /// <summary>The process's stat, or null when it is gone or hidden.</summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? Int(string text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Long(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
