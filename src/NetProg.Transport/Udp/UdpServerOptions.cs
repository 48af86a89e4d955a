namespace NetProg.Transport.Udp;

/// <summary>Protection settings of a <see cref="UdpServer"/>.</summary>
public sealed record UdpServerOptions
{
    /// <summary>
    /// Apply <see cref="UdpSourceGuard"/>'s rules and break loops between two services (<see cref="ReflectionStreak"/>).
    /// Defaults to true; <c>--no-loop-guard</c> turns it off.
    /// </summary>
    public bool LoopGuard { get; init; } = true;

    /// <summary>All far sources together are answered at most this many times <see cref="RateLimitPerSecond"/> per second.</summary>
    public const int FarSourcesFactor = 10;

    /// <summary>
    /// Datagrams answered per second per far source address (token bucket, burst of the same size; IPv6 per /64), and ten times
    /// that for all far sources together; 0 turns the limit off. Near sources (<see cref="NearSources"/>: loopback, private and
    /// link-local ranges, this machine's on-link subnets) are never limited, so a course client or a forwarder on the same
    /// machine or LAN is answered at full speed. Defaults to 100: far above what a person sends over the Internet, and it bounds
    /// what a flood with spoofed far sources can reflect at a victim (100 per second per victim, 1,000 in all).
    /// </summary>
    public int RateLimitPerSecond { get; init; } = 100;

    /// <summary>
    /// Which client addresses are served (<c>--allow</c>); null serves everyone. Checked before every other rule: a datagram
    /// from an address it refuses is dropped and reported through <see cref="UdpServer.ClientRefused"/>, not counted with the
    /// drops of <see cref="UdpDropReason"/>.
    /// </summary>
    public Predicate<IPAddress>? AllowClient { get; init; }

    /// <summary>The UDP ports this process serves, for the loop guard; the server adds its own port when bound.</summary>
    public ServedPorts ServedPorts { get; init; } = new();
}
