namespace NetProg.Transport.Udp;

/// <summary>Protection settings of a <see cref="UdpServer"/>.</summary>
public sealed record UdpServerOptions
{
    /// <summary>Apply <see cref="UdpSourceGuard"/>'s rules. Defaults to true; <c>--no-loop-guard</c> turns it off.</summary>
    public bool LoopGuard { get; init; } = true;

    /// <summary>
    /// Datagrams answered per second per source address (token bucket, burst of the same size); 0 turns the limit off.
    /// Defaults to 100: far above what a person or a course program sends, far below what a reflection attack needs.
    /// </summary>
    public int RateLimitPerSecond { get; init; } = 100;

    /// <summary>The UDP ports this process serves, for the loop guard; the server adds its own port when bound.</summary>
    public ServedPorts ServedPorts { get; init; } = new();
}
