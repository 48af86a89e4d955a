namespace NetProg.Integration.Tests.Harness;

/// <summary>One pending wait for <c>count</c> lines matching a pattern; completed by <see cref="OutputCapture"/>.</summary>
internal sealed class LineWaiter(Regex pattern, int count)
{
    private readonly List<Match> _matches = [];
    private readonly TaskCompletionSource<IReadOnlyList<Match>> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<Match>> Task => _completion.Task;

    public void Offer(string line)
    {
        if (_completion.Task.IsCompleted)
        {
            return;
        }

        Match match = pattern.Match(line);
        if (match.Success)
        {
            _matches.Add(match);
            if (_matches.Count >= count)
            {
                _completion.TrySetResult([.. _matches]);
            }
        }
    }

    public void End() =>
        _completion.TrySetException(new EndOfStreamException(
            $"the stream ended after {_matches.Count} of {count} line(s) matching /{pattern}/"));
}
