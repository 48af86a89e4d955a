using System.Diagnostics;
using NetProg.Services.Login;

namespace NetProg.Services.Tests.Login;

public sealed class LoginRecordsTests
{
    [Fact]
    public async Task Should_write_in_order_off_the_caller_and_drop_what_does_not_fit_without_waiting()
    {
        // Given the writer, held by a first write (taken off the queue) that waits for the test
        var records = new LoginRecords(Waits.Long);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<int>();
        Assert.True(records.TryAdd(async () =>
        {
            started.SetResult();
            await release.Task;
            order.Add(0);
        }));
        await started.Task.WaitAsync(Waits.Long);

        // When the queue is filled while the writer is held, and one more is added
        for (var i = 1; i <= LoginRecords.Capacity; i++)
        {
            var n = i;
            Assert.True(records.TryAdd(() =>
            {
                order.Add(n);
                return Task.CompletedTask;
            }));
        }

        var overflow = records.TryAdd(() => Task.CompletedTask);

        // Then the extra one is refused at once and counted; once released, every queued write ran, in order
        Assert.False(overflow);
        Assert.Equal(1, records.Dropped);
        release.SetResult();
        await records.FlushAsync().WaitAsync(Waits.Long);
        Assert.Equal(Enumerable.Range(0, LoginRecords.Capacity + 1), order);
        await records.DisposeAsync();
    }

    [Fact]
    public async Task Should_go_on_after_a_failed_write_and_write_out_the_queue_on_dispose()
    {
        // Given a write that throws, then one that records
        var records = new LoginRecords(Waits.Long);
        var written = 0;
        records.TryAdd(() => throw new InvalidOperationException("a bug in one write"));
        records.TryAdd(() =>
        {
            Interlocked.Increment(ref written);
            return Task.CompletedTask;
        });

        // When the writer is disposed at once
        await records.DisposeAsync().AsTask().WaitAsync(Waits.Long);

        // Then the second write ran anyway, and nothing is taken after the stop
        Assert.Equal(1, written);
        Assert.False(records.TryAdd(() => Task.CompletedTask));
    }

    [Fact]
    public async Task Should_not_hang_the_stop_on_a_write_that_never_ends()
    {
        // Given a write that never completes, and a drain timeout of 200 ms
        var records = new LoginRecords(TimeSpan.FromMilliseconds(200));
        records.TryAdd(() => new TaskCompletionSource().Task);

        // When the writer is disposed, Then it returns after the drain timeout
        var watch = Stopwatch.StartNew();
        await records.DisposeAsync().AsTask().WaitAsync(Waits.Long);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }
}
