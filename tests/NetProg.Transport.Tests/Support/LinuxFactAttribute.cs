namespace NetProg.Transport.Tests.Support;

/// <summary>A test that looks at the process's own descriptors through /proc/self/fd: skipped elsewhere, saying why.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc/self/fd)";
        }
    }
}
