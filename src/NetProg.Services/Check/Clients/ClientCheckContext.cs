namespace NetProg.Services.Check.Clients;

/// <summary>What every client check knows: the client's command, the kind, and the waits.</summary>
internal sealed class ClientCheckContext(ClientCheckRequest request)
{
    /// <summary>Where the test servers listen: loopback only, nothing leaves the machine.</summary>
    public const string Host = "127.0.0.1";

    /// <summary>
    /// Added to the timeout where the client must give up by itself (no-reply, refused over UDP): a client whose own
    /// timeout equals --timeout (the course's SO_RCVTIMEO of 5 s against the default 5 s) must not lose a race with
    /// netprog's clock and be called hanging, even on a loaded machine.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a client may take to print what has all arrived, before its input is ended anyway.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public ClientCheckRequest Request { get; } = request;

    public CheckKind Kind => Request.Kind;

    /// <summary>The longest single wait (<see cref="CheckOptions.Timeout"/>).</summary>
    public TimeSpan Timeout => Request.Options.Timeout;

    /// <summary>The settle time, never longer than the timeout.</summary>
    public TimeSpan SettleTime => Settle < Timeout ? Settle : Timeout;

    public bool Udp => CheckKinds.IsUdp(Kind);

    /// <summary>
    /// The line an echo client gets where the check is about the server, not the echo (refused, closed-early, no-reply):
    /// text that no prompt contains, ending in a newline as fgets() wants it.
    /// </summary>
    public const string EchoLine = "hello netprog\n";

    public ClientRun Start(int port) => ClientRun.Start(Request.Program, Host, port);

    /// <summary>
    /// Starts the client; an echo client gets <see cref="EchoLine"/> on stdin, then the end of its input when
    /// <paramref name="endInput"/> (<c>echo hello | ./client</c>). A time client's stdin is left alone.
    /// </summary>
    public async Task<ClientRun> StartWithLineAsync(int port, bool endInput, CancellationToken cancellationToken)
    {
        var client = Start(port);
        if (CheckKinds.IsTime(Kind))
        {
            return client;
        }

        try
        {
            await client.WriteAsync(EchoLine, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (endInput)
        {
            client.CloseStdin();
        }

        return client;
    }

    /// <summary>"2 s", "0.5 s" in the UI culture.</summary>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", CultureInfo.CurrentCulture) + " s";

    public static string Bytes(long count) => count.ToString("N0", CultureInfo.CurrentCulture);
}
