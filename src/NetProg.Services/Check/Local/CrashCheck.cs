namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>crash</c>, last: did the program end by itself during the checks? A started program's exit code or signal (a
/// C program killed by a signal, signal(7)) and its last stderr lines are reported with the usual cause of that
/// signal; a server found running must still be there.
/// </summary>
internal sealed class CrashCheck : IServerCheck
{
    public string Id => CheckIds.Crash;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (context.Program is { } program && !context.ServerAlive())
        {
            // Exited: let its last stderr bytes reach us before they are quoted (returns at once, bounded).
            await program.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false);
        }

        return Judge(context);
    }

    /// <summary>How a program ended, in words: "exit code 1", "SIGSEGV (signal 11)".</summary>
    internal static string ExitText(TargetProgram program) => program.Signal is { } signal
        ? string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_Signal, SignalNames.Name(signal), signal)
        : string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_ExitCode, program.ExitCode is < 0 and var code ? "0x" + code.ToString("X8", CultureInfo.InvariantCulture) : program.ExitCode?.ToString(CultureInfo.CurrentCulture));

    private CheckResult Judge(ServerCheckContext context)
    {
        if (context.Program is { } program)
        {
            if (!program.HasExited || program.StoppedByNetprog)
            {
                return CheckResult.Pass(Id, program.Runs > 1 ? LocalCheckText.Crash_Pass_Restarted : LocalCheckText.Crash_Pass);
            }

            // The second start of restart failed to bind: restart says so; the run that was checked did not crash.
            if (program.Runs > 1 && context.Results.Any(r => r.Id == CheckIds.Restart && r.Verdict == CheckVerdict.Fail))
            {
                return CheckResult.Pass(Id, LocalCheckText.Crash_Pass_RestartFailed);
            }

            var (cause, fix) = LocalRules.Explain(program.Signal, program.ExitCode);
            if (program.Signal is null && RestartCheck.InUse(program))
            {
                (cause, fix) = (LocalCheckText.Crash_Cause_InUse, string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_Fix_InUse, context.EndPoint.Port));
            }

            var lines = LocalPreview.LastLines(program.Stderr) ?? LocalCheckText.Crash_NoStderr;
            return CheckResult.Fail(Id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_Fail, ExitText(program), lines), cause, fix);
        }

        if (context.OwnerProcessId is { } pid)
        {
            return context.ServerAlive()
                ? CheckResult.Pass(Id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_Pass_Owner, pid))
                : CheckResult.Fail(Id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_Vanished, pid, context.EndPoint.Port), LocalCheckText.Crash_Cause_Vanished, LocalCheckText.Crash_Fix_Vanished);
        }

        return LocalServer.Unavailable(context, Id) ?? CheckResult.Skip(Id, CheckText.Skip_NotLocal);
    }
}
