namespace NetProg.Services.Check.Clients;

/// <summary>
/// One run of the checked client against one test server: started with <c>{host}</c> and <c>{port}</c> replaced,
/// fed on stdin, and always stopped at the end (<see cref="FinishAsync"/>, or <see cref="DisposeAsync"/> when a check
/// ends early or is cancelled), so no run outlives its check.
/// </summary>
internal sealed class ClientRun : IAsyncDisposable
{
    /// <summary>SIGTERM, then SIGKILL after this: a C client dies at once, a .NET one exits within it; only a client that already hangs gets here.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(500);

    private readonly TargetProgram _program;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ClientOutcome? _outcome;

    private ClientRun(TargetProgram program) => _program = program;

    public CapturedOutput Stdout => _program.Stdout;

    public bool HasExited => _program.HasExited;

    /// <summary>How long it has run.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts the client; a program that cannot be started throws <see cref="CheckException"/> (the whole check cannot be done).</summary>
    public static ClientRun Start(ProgramCommand command, string host, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var arguments = command.Arguments
            .Select(a => a.Replace("{host}", host, StringComparison.Ordinal).Replace("{port}", portText, StringComparison.Ordinal))
            .ToList();
        return new ClientRun(TargetProgram.Start(command.FileName, arguments));
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to its stdin; a client that does not read it is no error here.</summary>
    public Task WriteAsync(string text, CancellationToken cancellationToken) =>
        _program.WriteStdinAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>The end of its input (Ctrl+D at a terminal).</summary>
    public void CloseStdin() => _program.CloseStdin();

    public Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        timeout <= TimeSpan.Zero ? Task.FromResult(_program.HasExited) : _program.WaitForExitAsync(timeout, cancellationToken);

    /// <summary>Waits at most <paramref name="timeout"/> until its stdout holds <paramref name="text"/> (or ends).</summary>
    public Task<bool> WaitForOutputAsync(byte[] text, TimeSpan timeout, CancellationToken cancellationToken) =>
        _program.Stdout.WaitForAsync(o => ClientOutput.Contains(o.Span, text), timeout, cancellationToken);

    /// <summary>
    /// Stops the client if it still runs (it then counts as not exited, <paramref name="waited"/> being how long netprog
    /// waited for it) and returns how it ended and everything it printed.
    /// </summary>
    public async Task<ClientOutcome> FinishAsync(TimeSpan waited)
    {
        if (_outcome is not null)
        {
            return _outcome;
        }

        var exited = _program.HasExited;
        await _program.StopAsync(StopGrace).ConfigureAwait(false);
        _outcome = new ClientOutcome(
            exited,
            exited ? _program.ExitCode : null,
            exited ? _program.Signal : null,
            _program.Stdout.Bytes(),
            _program.Stdout.TotalBytes,
            _program.Stderr.Bytes(),
            waited);
        return _outcome;
    }

    public async ValueTask DisposeAsync()
    {
        if (_outcome is null)
        {
            await _program.StopAsync(StopGrace).ConfigureAwait(false);
        }

        await _program.DisposeAsync().ConfigureAwait(false);
    }
}
