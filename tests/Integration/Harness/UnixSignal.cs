namespace NetProg.Integration.Tests.Harness;

/// <summary>The signals a test sends to a child process, by their <c>kill -s</c> names.</summary>
public enum UnixSignal
{
    /// <summary>SIGINT, what Ctrl+C sends.</summary>
    Int,

    /// <summary>SIGTERM, what <c>kill PID</c> and service managers send.</summary>
    Term,

    /// <summary>SIGKILL: the process ends at once, running none of its own code (a closed laptop lid, the OOM killer).</summary>
    Kill,
}
