using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

/// <summary>The loop breaker, driven by explicit timestamps (1,000 ticks a second, 5 s = 5,000): no sleeping.</summary>
public sealed class ReflectionStreakTests
{
    private const long FiveSeconds = 5000;

    private static readonly ulong Ping = ReflectionStreak.Fingerprint("ping-pong"u8);

    [Fact]
    public void Should_call_it_a_loop_when_the_reply_keeps_coming_back_for_5_seconds()
    {
        // Given a source that sends back, every millisecond, exactly what it was answered (an echo server at the other end)
        var streak = default(ReflectionStreak);
        streak.Replied(Ping);
        var loopAt = -1L;
        for (long now = 0; now <= 10_000 && loopAt < 0; now++)
        {
            if (streak.IsLoop(Ping, now, FiveSeconds))
            {
                loopAt = now;
            }
            else
            {
                streak.Replied(Ping);
            }
        }

        // Then the datagram 5 s into the streak is the one not answered
        Assert.Equal(FiveSeconds, loopAt);
    }

    [Fact]
    public void Should_never_call_a_client_a_loop_when_its_datagrams_differ()
    {
        // Given a ping-pong client whose datagrams carry a counter, for a minute at 1,000 per second
        var streak = default(ReflectionStreak);
        for (var i = 0; i < 60_000; i++)
        {
            var datagram = ReflectionStreak.Fingerprint(System.Text.Encoding.ASCII.GetBytes($"datagram {i}\n"));
            Assert.False(streak.IsLoop(datagram, i, FiveSeconds));
            streak.Replied(datagram);
        }
    }

    [Fact]
    public void Should_need_the_count_as_well_as_the_duration()
    {
        // Given the same datagram back only 10 times over 10 s (a person pressing Enter on the same line)
        var streak = default(ReflectionStreak);
        streak.Replied(Ping);
        Assert.DoesNotContain(Enumerable.Range(0, 10), i =>
        {
            var loop = streak.IsLoop(Ping, i * 1000, FiveSeconds);
            streak.Replied(Ping);
            return loop;
        });
    }

    [Fact]
    public void Should_start_over_when_one_different_datagram_comes_between()
    {
        var streak = default(ReflectionStreak);
        streak.Replied(Ping);
        for (var now = 0; now < 4999; now++)
        {
            Assert.False(streak.IsLoop(Ping, now, FiveSeconds));
            streak.Replied(Ping);
        }

        var other = ReflectionStreak.Fingerprint("something else"u8);
        Assert.False(streak.IsLoop(other, 4999, FiveSeconds));
        streak.Replied(Ping);
        Assert.False(streak.IsLoop(Ping, 5000, FiveSeconds));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65507)]
    public void Should_tell_datagrams_apart_by_length_start_and_end(int size)
    {
        var datagram = new byte[size];
        Assert.Equal(ReflectionStreak.Fingerprint(datagram), ReflectionStreak.Fingerprint((byte[])datagram.Clone()));
        Assert.NotEqual(ReflectionStreak.Fingerprint(datagram), ReflectionStreak.Fingerprint(new byte[size + 1]));
        if (size > 0)
        {
            var last = (byte[])datagram.Clone();
            last[^1] = 1;
            Assert.NotEqual(ReflectionStreak.Fingerprint(datagram), ReflectionStreak.Fingerprint(last));
        }
    }
}
