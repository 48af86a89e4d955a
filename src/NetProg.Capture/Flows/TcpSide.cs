using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>What the tracker knows about one direction of a TCP conversation.</summary>
internal sealed class TcpSide(Endpoint endpoint)
{
    public Endpoint Endpoint { get; } = endpoint;

    /// <summary>The sequence number that counts as 0: the SYN's, or one below the first seen (as Wireshark does).</summary>
    public uint? Base { get; set; }

    /// <summary>One past the highest sequence number sent so far (the SYN and the FIN count one each, RFC 9293 section 3.4).</summary>
    public uint? NextSequence { get; set; }

    /// <summary>The window-scale shift this side announced in its SYN (RFC 7323 section 2.2), if it did.</summary>
    public int? WindowScale { get; set; }

    public bool SentSyn { get; set; }

    /// <summary>The sequence number of this side's FIN, once sent.</summary>
    public uint? FinSequence { get; set; }

    /// <summary>True once the peer acknowledged this side's FIN (later ACKs of it are just repeats).</summary>
    public bool FinAcknowledged { get; set; }

    public uint Relative(uint value) => value - (Base ?? 0);
}
