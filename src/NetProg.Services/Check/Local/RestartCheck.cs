using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>restart</c> (netprog started the program): a client is served and stays connected, the program is stopped (so
/// the kernel closes the connection from the server's side, which leaves it in TIME_WAIT for 2 MSL, RFC 9293 3.6.1),
/// and started again at once, as a student does with Ctrl+C and the up arrow. It must listen again on the same port;
/// without SO_REUSEADDR bind() fails with EADDRINUSE ("Address already in use", socket(7)).
/// </summary>
internal sealed class RestartCheck : IServerCheck
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private static readonly string[] Closing =
        [SocketStates.TimeWait, SocketStates.FinWait1, SocketStates.FinWait2, SocketStates.Closing, SocketStates.LastAck];

    public string Id => CheckIds.Restart;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (context.Program is not { } program)
        {
            // Also for a server running elsewhere: what is missing is the command to start it again, and the text says how to give it.
            return CheckResult.Skip(Id, LocalCheckText.Skip_NotStarted);
        }

        if (LocalServer.Unavailable(context, Id, needsClient: true) is { } skip)
        {
            return skip;
        }

        var port = context.EndPoint.Port;
        var exchange = await LocalClient.RunAsync(context, Id, keepOpen: true, cancellationToken).ConfigureAwait(false);
        using (exchange)
        {
            if (!exchange.Served)
            {
                return await LocalServer.NotServedAsync(context, Id, 1, 1, exchange.Problem, cancellationToken).ConfigureAwait(false);
            }

            await program.StopAsync(StopGrace).ConfigureAwait(false);

            // The server's side has sent its FIN; closing ours completes the close, and the server's side waits in TIME_WAIT.
            // (A UDP client holds no connection: nothing to close.)
            if (exchange.Socket is { } socket)
            {
                LocalClient.Close(socket);
            }
        }

        var stopped = CheckKinds.IsUdp(context.Kind)
            ? LocalCheckText.Restart_Stopped_Udp
            : string.Format(
                CultureInfo.CurrentCulture,
                LocalCheckText.Restart_Stopped,
                context.Sockets.Snapshot().Count(s => s.Protocol == PortProtocol.Tcp && s.Local.Port == port && Closing.Contains(s.State)),
                port);
        try
        {
            program.StartAgain();
        }
        catch (CheckException e)
        {
            return CheckResult.Fail(Id, stopped + " " + e.Message, LocalCheckText.Restart_Exit_Cause, LocalCheckText.Restart_Fix);
        }

        var clock = Stopwatch.StartNew();
        var listening = false;
        await LocalServer.WaitUntilAsync(
            () => program.HasExited || InUse(program) || (listening = LocalServer.Listeners(context).Any(s => s.Local.Port == port)),
            context.Timeout,
            cancellationToken).ConfigureAwait(false);
        if (program.HasExited)
        {
            // Its "Address already in use" may still be in the pipe: InUse and the quoted lines need it.
            await program.WaitForExitAsync(context.Timeout, cancellationToken).ConfigureAwait(false);
        }

        var lines = LocalPreview.LastLines(program.Stderr) ?? LocalCheckText.Crash_NoStderr;
        if (InUse(program))
        {
            return CheckResult.Fail(Id, stopped + " " + string.Format(CultureInfo.CurrentCulture, LocalCheckText.Restart_InUse, lines), LocalCheckText.Restart_Cause, LocalCheckText.Restart_Fix);
        }

        if (listening)
        {
            return CheckResult.Pass(Id, stopped + " " + string.Format(CultureInfo.CurrentCulture, LocalCheckText.Restart_Pass, port, ServerChecker.Seconds(clock.Elapsed)));
        }

        return program.HasExited
            ? CheckResult.Fail(Id, stopped + " " + string.Format(CultureInfo.CurrentCulture, LocalCheckText.Restart_Exited, CrashCheck.ExitText(program), lines), LocalCheckText.Restart_Exit_Cause, LocalCheckText.Restart_Fix)
            : CheckResult.Fail(Id, stopped + " " + string.Format(CultureInfo.CurrentCulture, LocalCheckText.Restart_NotListening, port, ServerChecker.Seconds(context.Timeout), lines), LocalCheckText.Restart_Exit_Cause, LocalCheckText.Restart_Fix);
    }

    /// <summary>perror("bind") as glibc words EADDRINUSE; Windows' WSAEADDRINUSE says "Only one usage of each socket address".</summary>
    internal static bool InUse(TargetProgram program)
    {
        var text = program.Stderr.Text();
        return text.Contains("in use", StringComparison.OrdinalIgnoreCase) || text.Contains("Only one usage", StringComparison.OrdinalIgnoreCase);
    }
}
