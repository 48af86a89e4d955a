using NetProg.Transport.Udp;

namespace NetProg.Transport.Tests.Udp;

/// <summary>The UDP server's per-source end point cache: what it returns, what it reuses, and its bound.</summary>
public sealed class SourceEndPointsTests
{
    [Fact]
    public void Should_return_the_same_end_point_for_the_same_source_and_a_different_one_for_another()
    {
        // Given the cache and one receive buffer reused for every datagram, as the server reuses it
        var sources = new SourceEndPoints(AddressFamily.InterNetwork);
        var received = new SocketAddress(AddressFamily.InterNetwork);

        // When datagrams arrive from 127.0.0.1:40000, then 127.0.0.2:40000, then 127.0.0.1:40000 twice more
        Fill(received, new IPEndPoint(IPAddress.Parse("127.0.0.1"), 40000));
        var once = sources.Get(received);
        Fill(received, new IPEndPoint(IPAddress.Parse("127.0.0.2"), 40000));
        var other = sources.Get(received);
        Fill(received, new IPEndPoint(IPAddress.Parse("127.0.0.1"), 40000));
        var second = sources.Get(received);
        var third = sources.Get(received);

        // Then each source has its own end point; one seen once is not kept (a spoofed flood's sources are each seen once),
        // one seen again is kept from then on and reused, not remade
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 40000), once);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 40000), other);
        Assert.Equal(once, second);
        Assert.Same(second, third);
        Assert.Equal(1, sources.Count);
    }

    [Fact]
    public void Should_report_an_IPv4_mapped_source_as_IPv4()
    {
        // Given a dual-stack socket's cache, and a datagram from ::ffff:192.0.2.7 port 5555
        var sources = new SourceEndPoints(AddressFamily.InterNetworkV6);
        var received = new SocketAddress(AddressFamily.InterNetworkV6);
        Fill(received, new IPEndPoint(IPAddress.Parse("192.0.2.7").MapToIPv6(), 5555));

        // When its end point is asked for
        var source = sources.Get(received);

        // Then it is the IPv4 address the user knows
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5555), source);
    }

    [Fact]
    public void Should_start_over_past_its_capacity_and_still_answer_correctly()
    {
        // Given the cache, and more distinct sources than it keeps (spoofed sources, or a very busy server)
        var sources = new SourceEndPoints(AddressFamily.InterNetwork);
        var received = new SocketAddress(AddressFamily.InterNetwork);

        // When datagrams arrive from Capacity + 10 different ports
        IPEndPoint last = null!;
        for (var port = 1; port <= SourceEndPoints.Capacity + 10; port++)
        {
            Fill(received, new IPEndPoint(IPAddress.Loopback, 20000 + port));
            sources.Get(received);
            last = sources.Get(received); // the second datagram: kept
        }

        // Then it holds no more than its capacity, and every answer is still the right source
        Assert.True(sources.Count <= SourceEndPoints.Capacity, $"{sources.Count} sources kept");
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 20000 + SourceEndPoints.Capacity + 10), last);
    }

    // What recvfrom() leaves in the server's reused buffer for a datagram from this source.
    private static void Fill(SocketAddress received, IPEndPoint source)
    {
        var serialized = source.Serialize();
        serialized.Buffer.Span[..serialized.Size].CopyTo(received.Buffer.Span);
        received.Size = serialized.Size;
    }
}
