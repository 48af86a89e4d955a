using System.ComponentModel;

namespace NetProg.Services.Check.Local;

/// <summary>
/// Windows and macOS, best effort through <see cref="Process"/>: CPU time (no run-queue time), on Windows the handle
/// count (sockets are handles, so a leak of one per client shows, among the other handles); no descriptor count on
/// macOS (that needs lsof -p), and no children.
/// </summary>
internal sealed class PortableProcessProbe : IProcessProbe
{
    public string? NoDescriptors => OperatingSystem.IsWindows() ? null : LocalCheckText.FdLeak_NoCount;

    public int? Descriptors(int pid) => OperatingSystem.IsWindows() ? Read(pid, p => p.HandleCount) : null;

    public CpuUse? Cpu(int pid) => Read(pid, p => new CpuUse(p.TotalProcessorTime, null));

    public IReadOnlyList<int> Descendants(int pid) => [];

    private static T? Read<T>(int pid, Func<Process, T> read)
        where T : struct
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : read(process);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
