namespace NetProg.Reliability.Tests.Support;

/// <summary>A test that reads /proc (RSS, open descriptors) or needs a Linux-only socket feature: skipped elsewhere, saying why.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(bool needsRoot = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc/PID/status and /proc/PID/fd)";
        }
        else if (needsRoot && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (raw sockets or source ports below 1024); CI runs as root";
        }
    }
}
