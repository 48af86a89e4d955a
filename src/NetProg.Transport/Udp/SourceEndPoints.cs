namespace NetProg.Transport.Udp;

/// <summary>
/// The <see cref="IPEndPoint"/> of a datagram's source, made once per source and reused for its next datagrams: making it from
/// the received address each time cost two objects per datagram (an <see cref="IPAddress"/> and its end point), the UDP echo
/// server's only allocation per datagram (UdpAllocationTests). Bounded: past <see cref="Capacity"/> sources it starts over, so spoofed
/// sources cost what they cost before and no memory beyond the bound. A source is kept from its second datagram on: the first
/// only marks a slot of a fixed array, so a flood from random (spoofed) sources, each seen once, makes only short-lived
/// objects that the next gen0 collection takes, rather than filling the cache with entries that live long enough to be
/// promoted and then become old garbage (bench/udp-flood). One per receiving thread: no locks.
/// </summary>
internal sealed class SourceEndPoints(AddressFamily family)
{
    /// <summary>Sources remembered: a class of students and their test clients many times over, ~160 KB at most.</summary>
    public const int Capacity = 1024;

    // Sources seen once, by a hash of their address: a collision only delays caching by a datagram.
    private const int SeenSlots = 4096;

    private readonly int[] _seenOnce = new int[SeenSlots];

    // SocketAddress compares and hashes its family, size and bytes (not the instance), so the receive buffer's address finds
    // the copy stored for the same source.
    private readonly Dictionary<SocketAddress, Source> _endPoints = [];
    private readonly IPEndPoint _template = new(family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);

    public int Count => _endPoints.Count;

    /// <summary>The source <paramref name="received"/> holds, as the transport reports it (IPv4-mapped IPv6 as IPv4).</summary>
    /// <remarks><paramref name="received"/> is only looked up, never kept: the caller reuses it for the next datagram.</remarks>
    public IPEndPoint Get(SocketAddress received) => GetSource(received).EndPoint;

    /// <summary>As <see cref="Get"/>, with what the server keeps about that source end point.</summary>
    public Source GetSource(SocketAddress received)
    {
        if (_endPoints.TryGetValue(received, out var known))
        {
            return known;
        }

        // 0 marks an empty slot, so a hash of 0 counts as 1: at worst two sources share a mark.
        var hash = received.GetHashCode() | 1;
        ref var seen = ref _seenOnce[(uint)hash % SeenSlots];
        if (seen != hash)
        {
            seen = hash;
            return new Source(EndPointText.Normalize((IPEndPoint)_template.Create(received)));
        }

        seen = 0;
        if (_endPoints.Count >= Capacity)
        {
            _endPoints.Clear();
        }

        var key = new SocketAddress(received.Family, received.Size);
        received.Buffer.Span[..received.Size].CopyTo(key.Buffer.Span);
        var source = new Source(EndPointText.Normalize((IPEndPoint)_template.Create(key)));
        _endPoints.Add(key, source);
        return source;
    }

    /// <summary>One source end point: its <see cref="IPEndPoint"/> and its loop detector.</summary>
    internal sealed class Source(IPEndPoint endPoint)
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public ReflectionStreak Streak;
    }
}
