using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;
using NetProg.Capture.Follow;

namespace NetProg.Capture.Tests;

public sealed class StreamFollowerTests
{
    [Fact]
    public void Should_give_each_side_of_an_echo_exchange_once_and_in_order()
    {
        var follower = new StreamFollower();
        TestData.Events("tcp-echo-v6.pcapng").ForEach(follower.Add);
        follower.Complete();

        var stream = Assert.Single(follower.Streams);
        Assert.Equal(41599, stream.Server.Port);
        Assert.Equal(
            [(PeerRole.Client, "hello\nworld\n"), (PeerRole.Server, "hello\nworld\n")],
            stream.Chunks.Select(c => (c.From, System.Text.Encoding.ASCII.GetString(c.Data))));
        Assert.Equal((12, 12, 0), (stream.ClientBytes, stream.ServerBytes, stream.MissingBytes));
    }

    [Fact]
    public void Should_drop_retransmitted_bytes_and_reorder_early_segments()
    {
        // Given "abc" "def" "ghi" where "ghi" arrives before "def" and "abc" is sent twice
        var t = new FlowTrackerTests.SegmentBuilder();
        var tracker = new FlowTracker();
        var follower = new StreamFollower();
        foreach (var packet in new[]
        {
            t.Client(TcpFlags.Syn, seq: 100),
            t.Server(TcpFlags.Syn | TcpFlags.Ack, seq: 900, ack: 101),
            t.Client(TcpFlags.Ack, seq: 101, ack: 901),
            t.Client(TcpFlags.Psh | TcpFlags.Ack, seq: 101, ack: 901, payload: "abc"),
            t.Client(TcpFlags.Psh | TcpFlags.Ack, seq: 101, ack: 901, payload: "abc"),
            t.Client(TcpFlags.Psh | TcpFlags.Ack, seq: 107, ack: 901, payload: "ghi"),
            t.Client(TcpFlags.Psh | TcpFlags.Ack, seq: 104, ack: 901, payload: "def"),
            t.Server(TcpFlags.Psh | TcpFlags.Ack, seq: 901, ack: 110, payload: "OK"),
        })
        {
            follower.Add(tracker.Track(packet));
        }

        follower.Complete();

        var stream = Assert.Single(follower.Streams);
        Assert.Equal(
            [(PeerRole.Client, "abcdefghi"), (PeerRole.Server, "OK")],
            stream.Chunks.Select(c => (c.From, System.Text.Encoding.ASCII.GetString(c.Data))));
    }

    [Fact]
    public void Should_count_a_gap_that_never_filled_as_missing()
    {
        var t = new FlowTrackerTests.SegmentBuilder();
        var tracker = new FlowTracker();
        var follower = new StreamFollower();
        follower.Add(tracker.Track(t.Client(TcpFlags.Syn, seq: 100)));
        follower.Add(tracker.Track(t.Client(TcpFlags.Ack, seq: 101, payload: "abc")));
        follower.Add(tracker.Track(t.Client(TcpFlags.Ack, seq: 110, payload: "xyz")));
        follower.Complete();

        var stream = Assert.Single(follower.Streams);
        Assert.Equal(6, stream.MissingBytes);
        Assert.Equal("abcxyz", System.Text.Encoding.ASCII.GetString(stream.Chunks.Single().Data));
    }

    [Fact]
    public void Should_join_a_hundred_thousand_one_byte_segments_into_one_chunk_of_the_right_bytes()
    {
        // Given one side sending 100,000 one-byte segments (each used to copy the whole chunk again)
        var tracker = new FlowTracker();
        var follower = new StreamFollower();
        var client = Client(1);
        follower.Add(tracker.Track(Segment(client, TcpFlags.Syn, 0, [])));
        for (var i = 0; i < 100_000; i++)
        {
            follower.Add(tracker.Track(Segment(client, TcpFlags.Ack | TcpFlags.Psh, (uint)(1 + i), [(byte)('a' + (i % 26))])));
        }

        follower.Complete();

        // Then one chunk holds them all, in order
        var chunk = Assert.Single(Assert.Single(follower.Streams).Chunks);
        Assert.Equal(100_000, chunk.Data.Length);
        Assert.Equal("abcdefghijklmnopqrstuvwxyzabcd", Encoding.ASCII.GetString(chunk.Data, 0, 30));
        Assert.Equal((byte)('a' + (99_999 % 26)), chunk.Data[^1]);
    }

    [Fact]
    public void Should_follow_the_first_conversations_and_count_the_rest()
    {
        // Given 1,005 TCP conversations with a byte each
        var tracker = new FlowTracker();
        var follower = new StreamFollower();
        for (var c = 0; c < StreamFollower.MaxStreams + 5; c++)
        {
            var client = Client(c);
            follower.Add(tracker.Track(Segment(client, TcpFlags.Syn, 0, [])));
            follower.Add(tracker.Track(Segment(client, TcpFlags.Ack | TcpFlags.Psh, 1, [(byte)'x'])));
            follower.Add(tracker.Track(Segment(client, TcpFlags.Ack | TcpFlags.Psh, 2, [(byte)'y'])));
        }

        follower.Complete();

        // Then the first 1,000 are followed, and the 5 others counted once each
        Assert.Equal(StreamFollower.MaxStreams, follower.Streams.Count());
        Assert.Equal(5, follower.NotFollowed);
    }

    [Fact]
    public void Should_keep_no_more_than_the_total_bound_over_all_streams_and_count_the_rest()
    {
        // Given 70 conversations of 1 MiB each (70 MiB, past the 64 MiB all streams may keep), in 64 KiB segments
        var tracker = new FlowTracker();
        var follower = new StreamFollower();
        var payload = new byte[64 * 1024];
        for (var c = 0; c < 70; c++)
        {
            var client = Client(c);
            follower.Add(tracker.Track(Segment(client, TcpFlags.Syn, 0, [])));
            for (var i = 0; i < 16; i++)
            {
                follower.Add(tracker.Track(Segment(client, TcpFlags.Ack, 1 + (uint)(i * payload.Length), payload)));
            }
        }

        follower.Complete();

        // Then 64 MiB are kept in all, every byte is counted, the bound is reported, and the last streams say they were cut
        var streams = follower.Streams.ToList();
        Assert.Equal(StreamFollower.MaxTotalBytes, streams.Sum(s => s.Chunks.Sum(c => (long)c.Data.Length)));
        Assert.All(streams, s => Assert.Equal(1024 * 1024, s.ClientBytes));
        Assert.True(follower.TotalReached);
        Assert.True(streams[^1].Truncated);
        Assert.False(streams[0].Truncated);
    }

    private static Endpoint Client(int n) => new(IPAddress.Parse($"10.1.{n / 250}.{1 + (n % 250)}"), 40000 + n);

    private static DecodedPacket Segment(Endpoint client, TcpFlags flags, uint seq, byte[] payload) =>
        new(DateTimeOffset.UnixEpoch, client, Server, TransportKind.Tcp, 6, flags, 1000 + seq, 0, 512, payload, null, 60 + payload.Length);

    private static readonly Endpoint Server = new(IPAddress.Parse("10.0.0.1"), 30000);
}
