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
}
