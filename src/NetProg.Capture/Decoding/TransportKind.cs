namespace NetProg.Capture.Decoding;

/// <summary>What an IP packet carries, as far as the teaching view tells them apart.</summary>
public enum TransportKind
{
    Tcp,
    Udp,
    Icmp,
    IcmpV6,
    /// <summary>Any other IP protocol (IGMP, GRE, ...): shown with its number, not annotated.</summary>
    Other,
}
