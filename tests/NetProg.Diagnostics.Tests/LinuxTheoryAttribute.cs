namespace NetProg.Diagnostics.Tests;

/// <summary>A theory that reads this machine's /proc, so it runs on Linux only (xunit 2 has no runtime skip).</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Reads Linux /proc.";
        }
    }
}
