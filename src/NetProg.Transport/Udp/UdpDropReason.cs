namespace NetProg.Transport.Udp;

/// <summary>Why a UDP server did not answer a datagram.</summary>
public enum UdpDropReason
{
    None,
    /// <summary>Source port 0 cannot be answered, and is a classic spoofing sign.</summary>
    SourcePortZero,
    /// <summary>Source ports below 1024 are where other services (echo 7, daytime 13, chargen 19 ...) live: OpenBSD inetd's rule.</summary>
    PrivilegedSourcePort,
    /// <summary>2049 is NFS, named by OpenBSD inetd's <c>dg_badinput</c>.</summary>
    NfsSourcePort,
    /// <summary>A port this process serves: answering would start a loop between two of our own services (FreeBSD <c>check_loop</c>).</summary>
    OwnServicePort,
    /// <summary>A broadcast source address: no single host sent it.</summary>
    BroadcastSource,
    /// <summary>A multicast or unspecified source address.</summary>
    MulticastSource,
    /// <summary>For 5 s the source sent back exactly what it was answered: a loop between two services (<see cref="ReflectionStreak"/>).</summary>
    ReflectedLoop,
    /// <summary>A far source address sent more than its share (token bucket per address, IPv6 per /64; <see cref="NearSources"/> are not limited).</summary>
    RateLimited,
    /// <summary>Far sources together sent more than their shared budget (ten times the per-address rate): a flood from many (spoofed) addresses.</summary>
    FarSourcesRateLimited,
}
