namespace NetProg.Cli.Infrastructure;

/// <summary>Process exit codes: scripts and tests rely on them.</summary>
internal enum ExitCode
{
    Success = 0,
    /// <summary>The command ran and failed: refused, timed out, port in use ...</summary>
    Failure = 1,
    /// <summary>The command line itself is wrong: unknown option, invalid port or address.</summary>
    Usage = 2,
    /// <summary>A client stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    Interrupted = 130,
}
