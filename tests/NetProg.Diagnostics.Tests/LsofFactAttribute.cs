namespace NetProg.Diagnostics.Tests;

/// <summary>A fact that runs the real lsof, so it is skipped where lsof is not installed (Windows, minimal Linux images).</summary>
public sealed class LsofFactAttribute : FactAttribute
{
    public LsofFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !(File.Exists("/usr/bin/lsof") || File.Exists("/usr/sbin/lsof")))
        {
            Skip = "lsof is not installed.";
        }
    }
}
