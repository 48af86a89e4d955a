namespace NetProg.Services.Check.Local;

/// <summary>
/// A process's CPU time so far, and where the OS tells it (Linux schedstat), the time it spent ready to run but waiting
/// for a CPU: on a loaded machine a busy loop gets only part of a core, but it is ready to run all the time.
/// </summary>
internal readonly record struct CpuUse(TimeSpan OnCpu, TimeSpan? Waiting)
{
    public static CpuUse operator +(CpuUse a, CpuUse b) =>
        new(a.OnCpu + b.OnCpu, a.Waiting is { } x && b.Waiting is { } y ? x + y : null);

    public static CpuUse operator -(CpuUse a, CpuUse b) =>
        new(a.OnCpu - b.OnCpu, a.Waiting is { } x && b.Waiting is { } y ? x - y : null);
}
