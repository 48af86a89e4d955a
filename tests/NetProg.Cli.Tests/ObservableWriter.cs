namespace NetProg.Cli.Tests;

/// <summary>A thread-safe in-memory writer that lets a test await a condition on what was written, with a timeout.</summary>
internal sealed class ObservableWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        TaskCompletionSource changed;
        lock (_text)
        {
            _text.Append(value);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public override void WriteLine(string? value) => Write(value + "\n");

    public async Task<string> WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_text)
            {
                if (condition(_text.ToString()))
                {
                    return _text.ToString();
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"condition not met within {timeout}; output so far:\n{Text}");
            }
        }
    }
}
