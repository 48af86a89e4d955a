namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// Reads one output stream of a child process to its end, keeping every byte (for byte-exact comparisons)
/// and every line (for waiting on what a user would see). Waiters are completed by the reader as lines
/// arrive, so a test waits on an event, never on a clock.
/// </summary>
internal sealed class OutputCapture
{
    private readonly object _gate = new();
    private readonly MemoryStream _bytes = new();
    private readonly List<string> _lines = [];
    private readonly List<LineWaiter> _waiters = [];
    private readonly List<byte> _partialLine = [];
    private bool _ended;

    public OutputCapture(Stream stream)
    {
        Completion = Task.Run(() => PumpAsync(stream));
    }

    /// <summary>Completes when the stream reached its end (the child and everything it started closed it).</summary>
    public Task Completion { get; }

    public byte[] Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes.ToArray();
            }
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>
    /// Returns the first <paramref name="count"/> lines matching <paramref name="pattern"/>, counting lines already
    /// seen and lines still to come. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>, and
    /// <see cref="EndOfStreamException"/> as soon as the stream ends with fewer matches.
    /// </summary>
    public async Task<IReadOnlyList<Match>> WaitForLinesAsync(Regex pattern, int count, TimeSpan timeout)
    {
        LineWaiter waiter;
        lock (_gate)
        {
            waiter = new LineWaiter(pattern, count);
            foreach (string line in _lines)
            {
                waiter.Offer(line);
            }

            if (!waiter.Task.IsCompleted)
            {
                if (_ended)
                {
                    waiter.End();
                }
                else
                {
                    _waiters.Add(waiter);
                }
            }
        }

        try
        {
            return await waiter.Task.WaitAsync(timeout);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private async Task PumpAsync(Stream stream)
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                lock (_gate)
                {
                    _bytes.Write(buffer, 0, read);
                    for (int i = 0; i < read; i++)
                    {
                        if (buffer[i] == (byte)'\n')
                        {
                            AddLine();
                        }
                        else
                        {
                            _partialLine.Add(buffer[i]);
                        }
                    }
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke because the child was killed: what was read so far is kept.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate)
            {
                if (_partialLine.Count > 0)
                {
                    AddLine();
                }

                _ended = true;
                foreach (LineWaiter waiter in _waiters)
                {
                    waiter.End();
                }
            }
        }
    }

    private void AddLine()
    {
        string line = Encoding.UTF8.GetString([.. _partialLine]).TrimEnd('\r');
        _partialLine.Clear();
        _lines.Add(line);
        foreach (LineWaiter waiter in _waiters)
        {
            waiter.Offer(line);
        }
    }
}
