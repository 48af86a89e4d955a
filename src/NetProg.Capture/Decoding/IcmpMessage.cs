namespace NetProg.Capture.Decoding;

/// <summary>
/// An ICMP or ICMPv6 message: type and code, and for an error the start of the datagram it complains about (RFC 792 and
/// RFC 4443 section 2.4 quote the offending IP header and at least 8 bytes after it: enough for the ports).
/// </summary>
public sealed record IcmpMessage(bool IsV6, int Type, int Code, TransportKind? QuotedTransport, Endpoint? QuotedSource, Endpoint? QuotedDestination)
{
    /// <summary>ICMP type 3 code 3 (RFC 792) or ICMPv6 type 1 code 4 (RFC 4443 section 3.1): no socket on that port.</summary>
    public bool IsPortUnreachable => IsV6 ? Type == 1 && Code == 4 : Type == 3 && Code == 3;

    /// <summary>Destination unreachable of any code.</summary>
    public bool IsUnreachable => IsV6 ? Type == 1 : Type == 3;
}
