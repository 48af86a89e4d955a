namespace NetProg.Services.Check.Clients;

/// <summary>Waits for something the client should do (connect, send a datagram) and stops waiting early when the client exits.</summary>
internal static class ClientWait
{
    /// <summary>
    /// The result of <paramref name="operation"/>, or null when it did not complete within <paramref name="timeout"/>, or
    /// the client exited and <paramref name="ready"/> says nothing it did is waiting to be taken.
    /// </summary>
    public static async Task<T?> UntilExitAsync<T>(
        Func<CancellationToken, Task<T>> operation, Func<bool> ready, ClientRun client, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var work = operation(deadline.Token);
        await ForAsync(work, client, timeout, cancellationToken).ConfigureAwait(false);
        if (!work.IsCompleted && !ready())
        {
            // It exited without connecting or sending: nothing more will come.
            await deadline.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            return await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits until <paramref name="task"/> completes, the client exits, or <paramref name="timeout"/> passes, whichever is first.</summary>
    public static async Task ForAsync(Task task, ClientRun client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exited = client.WaitForExitAsync(timeout, deadline.Token);
        await Task.WhenAny(task, exited).ConfigureAwait(false);
        await deadline.CancelAsync().ConfigureAwait(false);
        try
        {
            await exited.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
