using NetProg.Transport.Linux;

namespace NetProg.Transport.Tests.Linux;

public sealed class ReadinessTests
{
    [Fact]
    public void Should_complete_at_once_when_an_event_came_after_the_one_observed()
    {
        var readiness = new Readiness();
        var observed = readiness.Sequence;
        readiness.Signal();

        Assert.True(readiness.WaitAsync(observed).AsTask().IsCompleted);
    }

    [Fact]
    public async Task Should_wait_until_the_next_event_and_run_the_waiter_on_the_signalling_thread()
    {
        var readiness = new Readiness();
        // The async method registers its continuation before it returns (the wait is not complete), so the signal below
        // must run it.
        var ranOn = ThreadAfterAsync(readiness.WaitAsync(readiness.Sequence));
        Assert.False(ranOn.IsCompleted);

        var signaller = new Thread(() => readiness.Signal());
        signaller.Start();
        var signallerId = signaller.ManagedThreadId;
        signaller.Join();

        Assert.Equal(signallerId, await ranOn.WaitAsync(Waits.Long));
    }

    private static async Task<int> ThreadAfterAsync(ValueTask<int> wait)
    {
        await wait.ConfigureAwait(false);
        return Environment.CurrentManagedThreadId;
    }

    [Fact]
    public async Task Should_never_lose_a_wake_up_between_a_look_at_the_socket_and_the_wait()
    {
        // The receive loop's pattern: take the sequence, "try the socket" (here: read how far the producer is), and wait only
        // if nothing was there. A lost wake-up leaves the consumer waiting forever while the producer is done.
        const int Events = 200_000;
        var readiness = new Readiness();
        var produced = 0;
        var producer = new Thread(() =>
        {
            for (var i = 0; i < Events; i++)
            {
                Volatile.Write(ref produced, i + 1);
                readiness.Signal();
            }
        });

        var consumer = Task.Run(async () =>
        {
            var seen = 0;
            var waits = 0;
            while (seen < Events)
            {
                var sequence = readiness.Sequence;
                var now = Volatile.Read(ref produced);
                if (now > seen)
                {
                    seen = now;
                    continue;
                }

                waits++;
                await readiness.WaitAsync(sequence).ConfigureAwait(false);
            }

            return waits;
        });

        producer.Start();
        var waited = await consumer.WaitAsync(TimeSpan.FromSeconds(60));
        producer.Join();
        Assert.True(waited >= 0);
    }
}
