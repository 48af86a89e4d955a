namespace NetProg.Cli.Rendering;

/// <summary>The last few log lines, for the lab's live view. Bounded: older lines fall off.</summary>
internal sealed class RecentLines(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);

    public void Add(string line)
    {
        lock (_lines)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }
}
