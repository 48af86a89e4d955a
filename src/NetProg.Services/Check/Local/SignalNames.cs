namespace NetProg.Services.Check.Local;

/// <summary>
/// Signal numbers as the C headers name them (signal(7)). 1-6, 8, 9, 11, 13-15 are the same on Linux and macOS; the
/// BSDs number SIGBUS 10 and SIGUSR1 30 where Linux has 7 and 10.
/// </summary>
public static class SignalNames
{
    public const int Pipe = 13;
    public const int Segv = 11;
    public const int Abrt = 6;
    public const int Fpe = 8;
    public const int Kill = 9;
    public const int Ill = 4;

    public static int Bus => OperatingSystem.IsLinux() ? 7 : 10;

    public static string Name(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        Ill => "SIGILL",
        5 => "SIGTRAP",
        Abrt => "SIGABRT",
        Fpe => "SIGFPE",
        Kill => "SIGKILL",
        Segv => "SIGSEGV",
        Pipe => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ when signal == Bus => "SIGBUS",
        7 or 10 => OperatingSystem.IsLinux() ? "SIGUSR1" : "SIGEMT",
        12 => OperatingSystem.IsLinux() ? "SIGUSR2" : "SIGSYS",
        _ => "SIG" + signal.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
