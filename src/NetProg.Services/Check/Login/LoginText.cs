using NetProg.Transport;

namespace NetProg.Services.Check.Login;

/// <summary>The phrases the login checks build their lines from: what came, how a wait ended, where the transcript stopped.</summary>
internal static class LoginText
{
    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    /// <summary>A reply line quoted, or "no reply".</summary>
    public static string Reply(byte[]? line) => line is null || line.Length == 0 ? LoginCheckText.Reply_None : LoginPreview.Of(line);

    /// <summary>What came while waiting, and how the wait ended: <c>'Password: ', then nothing for 5 s</c>.</summary>
    public static string Came(ReplyWait wait, TimeSpan timeout)
    {
        var shown = wait.PassedOver.Append(wait.Line).OfType<byte[]>().Where(l => l.Length > 0).Select(LoginPreview.Of).ToList();
        if (shown.Count == 0)
        {
            return wait.End switch
            {
                ReceiveEnd.Closed => LoginCheckText.Nothing_Closed,
                ReceiveEnd.Reset => LoginCheckText.Nothing_Reset,
                ReceiveEnd.Silent => Format(LoginCheckText.Nothing_Silent, ServerChecker.Seconds(timeout)),
                _ => LoginCheckText.Reply_None,
            };
        }

        var lines = string.Join(", ", shown);
        return wait.End switch
        {
            ReceiveEnd.Closed => Format(LoginCheckText.Then_Closed, lines),
            ReceiveEnd.Reset => Format(LoginCheckText.Then_Reset, lines),
            ReceiveEnd.TooMuch => Format(LoginCheckText.Then_TooMuch, lines, $"{LoginConnection.MaxReceived / 1024} KiB"),
            ReceiveEnd.Silent => Format(LoginCheckText.Then_Silent, lines, ServerChecker.Seconds(timeout)),
            _ => lines,
        };
    }

    /// <summary>Where the transcript stopped and what came instead.</summary>
    public static string Failure(StepFailure failure, string source, TimeSpan timeout) =>
        failure.SendError is { } error
            ? failure.Wait is { } before
                ? Format(LoginCheckText.Step_SendAfter, failure.Step.Line, source, Error(error, timeout), Came(before, timeout))
                : Format(LoginCheckText.Step_Send, failure.Step.Line, source, Error(error, timeout))
            : Format(LoginCheckText.Step_Expect, LoginPreview.Of(System.Text.Encoding.UTF8.GetBytes(failure.Step.Text)), failure.Step.Line, source, Came(failure.Wait!, timeout));

    /// <summary>A socket error in plain words.</summary>
    public static string Error(SocketErrorKind kind, TimeSpan timeout) => kind switch
    {
        SocketErrorKind.ConnectionRefused => LoginCheckText.Error_Refused,
        SocketErrorKind.ConnectionReset or SocketErrorKind.ConnectionAborted => LoginCheckText.Error_Reset,
        SocketErrorKind.TimedOut => Format(LoginCheckText.Error_TimedOut, ServerChecker.Seconds(timeout)),
        _ => Format(LoginCheckText.Error_Other, kind),
    };

    /// <summary>How a started program ended, for a line that says the server is gone; null while it runs or for a remote one.</summary>
    public static async Task<string?> ExitAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (context.Program is not { } program || !await program.WaitForExitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return program.Signal is { } signal
            ? Format(LoginCheckText.Exit_Signal, signal, SignalName(signal))
            : Format(LoginCheckText.Exit_Code, program.ExitCode);
    }

    private static string SignalName(int signal) => signal switch
    {
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        8 => "SIGFPE",
        4 => "SIGILL",
        _ => "SIG" + signal.ToString(CultureInfo.InvariantCulture),
    };
}
