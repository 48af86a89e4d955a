namespace NetProg.Tests.Shared;

/// <summary>
/// A test that reads /proc (descriptors, RSS, socket tables) or needs a Linux-only socket feature: skipped elsewhere, saying
/// why (xunit 2 has no runtime skip). With <c>needsRoot</c> it is skipped, saying so, when not run as root.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(bool needsRoot = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc, or a Linux-only socket feature)";
        }
        else if (needsRoot && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (raw sockets or source ports below 1024); CI runs as root";
        }
    }
}
