namespace NetProg.Services.Check.Clients;

/// <summary>The verdicts every client check reaches the same way: a crash, a client that never connected, binary bytes out of nowhere.</summary>
internal static class ClientVerdicts
{
    /// <summary>"what the server did; what the client did".</summary>
    public static string Observed(params string[] parts) => string.Join("; ", parts);

    /// <summary>A FAIL when the client was killed by a signal of its own doing, with the usual cause of that signal; otherwise null.</summary>
    public static CheckResult? Crash(string id, string observed, ClientOutcome outcome)
    {
        if (!outcome.Crashed)
        {
            return null;
        }

        var (cause, fix) = outcome.Signal switch
        {
            13 => (ClientCheckText.Crash_Pipe_Cause, ClientCheckText.Crash_Pipe_Fix),
            11 or 7 => (ClientCheckText.Crash_Segv_Cause, ClientCheckText.Crash_Segv_Fix),
            14 => (ClientCheckText.Crash_Alarm_Cause, ClientCheckText.Crash_Alarm_Fix),
            6 => (ClientCheckText.Crash_Abort_Cause, ClientCheckText.Crash_Abort_Fix),
            _ => (string.Format(CultureInfo.CurrentCulture, ClientCheckText.Crash_Other_Cause, ClientOutcome.SignalName(outcome.Signal!.Value)), ClientCheckText.Crash_Other_Fix),
        };
        return CheckResult.Fail(id, observed, cause, fix);
    }

    /// <summary>A FAIL when the client printed bytes that are not text where the server sent none (refused, closed-early, no-reply); otherwise null.</summary>
    public static CheckResult? Binary(string id, string observed, ClientOutcome outcome) =>
        ClientOutput.HasBinary(outcome.Stdout)
            ? CheckResult.Fail(id, observed, ClientCheckText.Binary_Cause, ClientCheckText.Binary_Fix)
            : null;

    /// <summary>The client never connected (or, over UDP, sent nothing) to the test server within the timeout.</summary>
    public static CheckResult NotConnected(string id, ClientCheckContext context, int port, ClientOutcome outcome)
    {
        var where = $"{ClientCheckContext.Host}:{port.ToString(CultureInfo.InvariantCulture)}";
        var server = string.Format(CultureInfo.CurrentCulture, context.Udp ? ClientCheckText.Server_NoDatagram : ClientCheckText.Server_NoConnection, where, ClientCheckContext.Seconds(context.Timeout));
        var observed = Observed(server, outcome.Describe());
        return Crash(id, observed, outcome)
            ?? CheckResult.Fail(id, observed, context.Udp ? ClientCheckText.NotConnected_Udp_Cause : ClientCheckText.NotConnected_Tcp_Cause, ClientCheckText.NotConnected_Fix);
    }
}
