namespace NetProg.Capture.Decoding;

/// <summary>The TCP header's control bits (RFC 9293 section 3.1; ECE and CWR from RFC 3168).</summary>
[Flags]
public enum TcpFlags
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
    Urg = 0x20,
    Ece = 0x40,
    Cwr = 0x80,
}
