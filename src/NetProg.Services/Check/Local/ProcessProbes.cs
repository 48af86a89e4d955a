namespace NetProg.Services.Check.Local;

/// <summary>Chooses the process probe for this OS: /proc on Linux, .NET's portable Process elsewhere.</summary>
internal static class ProcessProbes
{
    public static IProcessProbe ForCurrentOs() => OperatingSystem.IsLinux() ? new LinuxProcessProbe() : new PortableProcessProbe();
}
