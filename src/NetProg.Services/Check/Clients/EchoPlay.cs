namespace NetProg.Services.Check.Clients;

/// <summary>
/// The echo test server's side of one check: what it received and echoed, for the verdict and the Observed text. The
/// TCP and UDP plays fill it in from their own loops; counters are read while the loop runs, hence the interlocks.
/// </summary>
internal abstract class EchoPlay(EchoStyle style, int expected, ClientRun client)
{
    /// <summary>Echoed at most: a client that floods is cut off here (every buffer bounded), its check still judged.</summary>
    public const int MaxEchoBytes = 1 << 20;

    /// <summary>Between the pieces of a fragmented echo: long enough that they arrive as separate segments, even on a loaded machine.</summary>
    public static readonly TimeSpan PiecePause = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the echo of the first line is held back (less when the client exits first).</summary>
    public static readonly TimeSpan HoldBack = TimeSpan.FromMilliseconds(500);

    private const int KeptBytes = 64;

    private readonly TaskCompletionSource _echoedAll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<byte> _first = [];
    private long _received;
    private long _echoed;
    private int _firstPiece;
    private volatile bool _exitedBeforeEcho;

    protected EchoStyle Style { get; } = style;

    protected ClientRun Client { get; } = client;

    public long Received => Interlocked.Read(ref _received);

    public long Echoed => Interlocked.Read(ref _echoed);

    /// <summary>The first bytes received, for a preview.</summary>
    public byte[] FirstReceived
    {
        get
        {
            lock (_first)
            {
                return [.. _first];
            }
        }
    }

    /// <summary>The length of the first piece of a fragmented echo (0 before it was sent).</summary>
    public int FirstPiece => Volatile.Read(ref _firstPiece);

    /// <summary>With <see cref="EchoStyle.Held"/>: the client had exited before its echo was sent.</summary>
    public bool ExitedBeforeEcho => _exitedBeforeEcho;

    /// <summary>Completes once as many bytes as the client's input holds have been echoed.</summary>
    public Task EchoedAll => _echoedAll.Task;

    protected void NoteReceived(ReadOnlySpan<byte> data)
    {
        Interlocked.Add(ref _received, data.Length);
        lock (_first)
        {
            foreach (var b in data[..Math.Min(data.Length, KeptBytes - _first.Count)])
            {
                _first.Add(b);
            }
        }
    }

    protected void NoteEchoed(int count)
    {
        if (Interlocked.Add(ref _echoed, count) >= expected)
        {
            _echoedAll.TrySetResult();
        }
    }

    protected void NoteFirstPiece(int length) => Volatile.Write(ref _firstPiece, length);

    /// <summary>Holds the echo back (<see cref="HoldBack"/>, or until the client exits) and notes whether it exited.</summary>
    protected async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (await Client.WaitForExitAsync(HoldBack, cancellationToken).ConfigureAwait(false))
        {
            _exitedBeforeEcho = true;
        }
    }
}
