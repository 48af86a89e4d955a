using NetProg.Cli.Rendering;
using NetProg.Diagnostics;
using NetProg.Accounts;
using NetProg.Services.Clients;
using NetProg.Transport;
using NetProg.Transport.Tls;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// Runs a command's work with the shutdown signal wired in, and turns every expected failure into one line on stderr and an
/// exit code: never a stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <param name="console">Where the failure line goes.</param>
    /// <param name="work">The command's work.</param>
    /// <param name="cancellationToken">Cancelled by the caller (tests); Ctrl+C and SIGTERM are wired in here.</param>
    /// <param name="portOption">The command's option that chooses the port, named when the port is in use.</param>
    public static async Task<int> RunAsync(ICliConsole console, Func<CancellationToken, Task<ExitCode>> work, CancellationToken cancellationToken, string portOption = "--port")
    {
        using var signal = new ShutdownSignal(cancellationToken);
        try
        {
            return (int)await work(signal.Token).ConfigureAwait(false);
        }
        catch (NetworkException e)
        {
            return Fail(console, ErrorText.Describe(e, PortOwnerLookup.ForCurrentOs(), portOption), ExitCode.Failure);
        }
        catch (WrongServiceException e)
        {
            return Fail(console, ErrorText.Describe(e), ExitCode.Failure);
        }
        catch (UsageException e)
        {
            return Fail(console, e.Message, ExitCode.Usage);
        }
        catch (AccountException e)
        {
            return Fail(console, e.Message, e.Kind == AccountErrorKind.InvalidName ? ExitCode.Usage : ExitCode.Failure);
        }
        catch (NetProg.Services.Check.CheckException e)
        {
            return Fail(console, e.Message, ExitCode.Failure);
        }
        catch (TlsRefusedException e)
        {
            return Fail(console, e.Message, ExitCode.Failure);
        }
        catch (LoginRefusedException e)
        {
            return Fail(console, string.Format(Strings.Error_LoginRefused, e.Reply), ExitCode.Failure);
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            // Ctrl+C in a client: the user asked for it, nothing to report.
            return (int)ExitCode.Interrupted;
        }
        catch (IOException e)
        {
            // Writing to a closed pipe (netprog ... | head) or reading a broken stdin.
            return Fail(console, string.Format(Strings.Error_Io, e.Message), ExitCode.Failure);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(console, string.Format(Strings.Error_PermissionDenied, e.Message), ExitCode.Failure);
        }
    }

    public static int Fail(ICliConsole console, string message, ExitCode code)
    {
        // One line, and only printable text: a message may quote a server's reply or an exception that quotes one.
        console.Error.WriteLine($"netprog: {PrintableText.Printable(message)}");
        console.Error.Flush();
        return (int)code;
    }
}
