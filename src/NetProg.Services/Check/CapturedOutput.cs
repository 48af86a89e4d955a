using System.Buffers;

namespace NetProg.Services.Check;

/// <summary>
/// What a program wrote on one stream: the first <see cref="TargetProgram.MaxOutputBytes"/> bytes kept as they came (a
/// client's output is compared byte for byte), everything beyond only counted, and the last lines for a report. Waiters
/// are woken on every write, so a check waits for a condition, never for a fixed time.
/// </summary>
public sealed class CapturedOutput
{
    private const int KeptLines = 20;
    private const int MaxLineLength = 300;

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _bytes = new();
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _partial = new();
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total;
    private bool _ended;

    /// <summary>How many bytes the program wrote, also beyond what is kept.</summary>
    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>True once the stream reached its end (the program and every child holding it closed it).</summary>
    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>The kept bytes (at most <see cref="TargetProgram.MaxOutputBytes"/>).</summary>
    public byte[] Bytes()
    {
        lock (_gate)
        {
            return _bytes.WrittenSpan.ToArray();
        }
    }

    /// <summary>The kept bytes as UTF-8, invalid sequences replaced (U+FFFD).</summary>
    public string Text() => Encoding.UTF8.GetString(Bytes());

    /// <summary>The last lines written (at most 20, each cut at 300 characters), the unterminated last one included.</summary>
    public IReadOnlyList<string> LastLines(int count = KeptLines)
    {
        lock (_gate)
        {
            var lines = _lines.ToList();
            if (_partial.Length > 0)
            {
                lines.Add(_partial.ToString());
            }

            return lines.Skip(Math.Max(0, lines.Count - count)).ToList();
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the kept bytes or the stream ended, at most <paramref name="timeout"/>.
    /// Returns whether the condition held.
    /// </summary>
    public async Task<bool> WaitForAsync(Func<ReadOnlyMemory<byte>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_bytes.WrittenMemory))
                {
                    return true;
                }

                if (_ended)
                {
                    return false;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    internal void Append(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _total += data.Length;
            var room = TargetProgram.MaxOutputBytes - _bytes.WrittenCount;
            if (room > 0)
            {
                _bytes.Write(data[..Math.Min(room, data.Length)]);
            }

            Span<char> chars = stackalloc char[512];
            while (!data.IsEmpty)
            {
                var take = Math.Min(data.Length, 256);
                var count = _decoder.GetChars(data[..take], chars, flush: false);
                AddChars(chars[..count]);
                data = data[take..];
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    internal void End()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _ended = true;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    private void AddChars(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c == '\n')
            {
                _lines.Enqueue(_partial.ToString().TrimEnd('\r'));
                _partial.Clear();
                if (_lines.Count > KeptLines)
                {
                    _lines.Dequeue();
                }
            }
            else if (_partial.Length < MaxLineLength)
            {
                _partial.Append(c);
            }
        }
    }
}
