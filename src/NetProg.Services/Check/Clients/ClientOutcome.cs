namespace NetProg.Services.Check.Clients;

/// <summary>
/// How one run of a checked client ended: by itself (<paramref name="Exited"/>, with its exit code or the signal that
/// killed it) or stopped by netprog after <paramref name="StoppedAfter"/> of waiting, and what it printed.
/// </summary>
internal sealed record ClientOutcome(bool Exited, int? ExitCode, int? Signal, byte[] Stdout, long StdoutTotal, byte[] Stderr, TimeSpan StoppedAfter)
{
    /// <summary>Ended by a signal of its own doing (SIGSEGV, SIGPIPE, SIGABRT ...), not by netprog's SIGTERM.</summary>
    public bool Crashed => Exited && Signal is not null;

    public bool ExitedZero => Exited && Signal is null && ExitCode == 0;

    public bool ExitedNonZero => Exited && Signal is null && ExitCode is not 0;

    /// <summary>Nothing on stdout or stderr: no word about what went wrong.</summary>
    public bool Silent => StdoutTotal == 0 && Stderr.AsSpan().Trim(" \t\r\n"u8).IsEmpty;

    /// <summary>"the client printed 'Time: Tue Nov…' (32 bytes), wrote 'connect: …' on stderr, exit code 1".</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            StdoutTotal == 0
                ? ClientCheckText.Client_PrintedNothing
                : string.Format(CultureInfo.CurrentCulture, ClientCheckText.Client_Printed, ClientPreview.Quote(Stdout), StdoutTotal.ToString("N0", CultureInfo.CurrentCulture)),
        };
        if (Stderr.Length > 0)
        {
            parts.Add(string.Format(CultureInfo.CurrentCulture, ClientCheckText.Client_Stderr, ClientPreview.Quote(Stderr)));
        }

        parts.Add(Exited switch
        {
            true when Signal is { } signal => string.Format(CultureInfo.CurrentCulture, ClientCheckText.Client_Signal, signal, SignalName(signal)),
            true => string.Format(CultureInfo.CurrentCulture, ClientCheckText.Client_ExitCode, ExitCode),
            false => string.Format(CultureInfo.CurrentCulture, ClientCheckText.Client_Stopped, ClientCheckContext.Seconds(StoppedAfter)),
        });
        return string.Format(CultureInfo.CurrentCulture, ClientCheckText.Client_Outcome, string.Join(ClientCheckText.Client_PartSeparator, parts));
    }

    /// <summary>The name of a Linux signal number (signal(7)), or "signal N".</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };
}
