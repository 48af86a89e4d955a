using System.Text.RegularExpressions;
using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>
/// Plays a bound transcript on a connection: sends its lines, waits for its replies. An expect passes over reply lines
/// that do not match (a banner of several lines) until one does, the server closes, or the wait is over; a prompt
/// without a line end matches as soon as it does.
/// </summary>
internal static class LoginReplay
{
    /// <summary>How long a prompt without a line end may stay alone before it counts as the whole reply.</summary>
    public static readonly TimeSpan PromptQuiet = TimeSpan.FromMilliseconds(500);

    private const int KeptPassedOver = 3;

    /// <summary>
    /// Runs steps [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="script"/>. Recording starts right before the step that
    /// sends the user name. Null when all went as written; else the step that did not and what came instead.
    /// </summary>
    public static async Task<StepFailure?> RunAsync(LoginConnection connection, BoundLoginScript script, int end, bool pieces, TimeSpan timeout, CancellationToken cancellationToken, int start = 0)
    {
        for (var i = start; i < end; i++)
        {
            var step = script.Steps[i];
            if (step.Kind == LoginScriptStepKind.Send)
            {
                if (i == script.Script.UserStep)
                {
                    connection.Replies.StartRecording();
                }

                if (await connection.SendAsync(step.Bytes, pieces, timeout, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    return new StepFailure(step.Source, await LeftOverAsync(connection, cancellationToken).ConfigureAwait(false), error);
                }

                continue;
            }

            var wait = await ExpectAsync(connection, step.Regex!, timeout, cancellationToken).ConfigureAwait(false);
            if (!wait.Matched)
            {
                return new StepFailure(step.Source, wait, null);
            }
        }

        return null;
    }

    /// <summary>Waits for a reply line that <paramref name="regex"/> matches, passing over the others.</summary>
    public static async Task<ReplyWait> ExpectAsync(LoginConnection connection, Regex regex, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var passedOver = new Queue<byte[]>();
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            while (connection.Replies.TryTakeLine(out var line))
            {
                if (Matches(regex, line))
                {
                    return new ReplyWait(line, [.. passedOver], ReceiveEnd.None);
                }

                passedOver.Enqueue(line);
                if (passedOver.Count > KeptPassedOver)
                {
                    passedOver.Dequeue();
                }
            }

            if (!connection.Replies.Pending.IsEmpty && Matches(regex, connection.Replies.Pending))
            {
                return new ReplyWait(connection.Replies.TakePending(), [.. passedOver], ReceiveEnd.None);
            }

            var left = until - DateTime.UtcNow;
            if (connection.End != ReceiveEnd.None || left <= TimeSpan.Zero)
            {
                return Unmatched(connection, passedOver);
            }

            // Nothing in time or the end: the next round says so; new bytes: the next round looks at them.
            _ = await connection.ReceiveAsync(left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next reply line, whatever it says: a whole line, or a prompt once nothing more has come for
    /// <see cref="PromptQuiet"/>, or what was left when the server closed. No line when nothing came within
    /// <paramref name="timeout"/> or the stream ended first.
    /// </summary>
    public static async Task<ReplyWait> NextAsync(LoginConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (connection.Replies.TryTakeLine(out var line))
            {
                return new ReplyWait(line, [], ReceiveEnd.None);
            }

            var pending = !connection.Replies.Pending.IsEmpty;
            if (connection.End != ReceiveEnd.None)
            {
                return pending ? new ReplyWait(connection.Replies.TakePending(), [], connection.End) : new ReplyWait(null, [], connection.End);
            }

            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return pending ? new ReplyWait(connection.Replies.TakePending(), [], ReceiveEnd.None) : new ReplyWait(null, [], ReceiveEnd.Silent);
            }

            var wait = pending && PromptQuiet < left ? PromptQuiet : left;
            if (!await connection.ReceiveAsync(wait, cancellationToken).ConfigureAwait(false) && connection.End == ReceiveEnd.None && pending)
            {
                // A prompt, and then quiet: that is the whole reply for now.
                return new ReplyWait(connection.Replies.TakePending(), [], ReceiveEnd.None);
            }
        }
    }

    /// <summary>Whether the regex matches the text of <paramref name="line"/>; a match that runs out of time is no match.</summary>
    public static bool Matches(Regex regex, ReadOnlySpan<byte> line)
    {
        try
        {
            return regex.IsMatch(ReplyBuffer.Text(line));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// What the server sent before a send failed (its refusal, most often), read for a short while; when nothing more
    /// came, the last reply taken (a refusal may have come on the line of the prompt before it: <c>PW: 401 ...</c>).
    /// </summary>
    private static async Task<ReplyWait?> LeftOverAsync(LoginConnection connection, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + PromptQuiet;
        while (connection.End == ReceiveEnd.None && DateTime.UtcNow < until
            && await connection.ReceiveAsync(until - DateTime.UtcNow, cancellationToken).ConfigureAwait(false))
        {
        }

        var lines = new Queue<byte[]>();
        if (connection.Replies.LastTaken is { } last)
        {
            lines.Enqueue(last);
        }

        while (connection.Replies.TryTakeLine(out var line))
        {
            lines.Enqueue(line);
            if (lines.Count > KeptPassedOver)
            {
                lines.Dequeue();
            }
        }

        var wait = Unmatched(connection, lines);
        return wait.PassedOver.Count == 0 ? null : wait with { End = ReceiveEnd.None };
    }

    private static ReplyWait Unmatched(LoginConnection connection, Queue<byte[]> passedOver)
    {
        if (!connection.Replies.Pending.IsEmpty)
        {
            passedOver.Enqueue(connection.Replies.Pending.ToArray());
            if (passedOver.Count > KeptPassedOver)
            {
                passedOver.Dequeue();
            }
        }

        return new ReplyWait(null, [.. passedOver], connection.End == ReceiveEnd.None ? ReceiveEnd.Silent : connection.End);
    }
}
