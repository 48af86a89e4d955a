namespace NetProg.Diagnostics.Tests;

/// <summary>A fact that reads this machine's /proc, so it runs on Linux only (xunit 2 has no runtime skip).</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Reads Linux /proc.";
        }
    }
}
