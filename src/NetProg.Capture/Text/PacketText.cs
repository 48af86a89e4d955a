using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;

namespace NetProg.Capture.Text;

/// <summary>
/// The one-line view of a packet, shared by the console and the flow graph:
/// <c>0.000012 127.0.0.1:30000 -> 127.0.0.1:46978 TCP [SYN, ACK] seq=0 ack=1 win=65483 len=0  handshake 2/3: ...</c>.
/// Field names and relative numbers follow Wireshark's Info column, so the two can be compared line by line.
/// </summary>
public static class PacketText
{
    /// <summary>Characters of payload shown in a line.</summary>
    public const int PreviewLength = 40;

    public static string Line(PacketEvent e) =>
        $"{Time(e.RelativeTime),10} {e.Packet.Source} -> {e.Packet.Destination} {Fields(e)}  {e.Annotation}";

    /// <summary>Seconds since the first packet, to the microsecond, as Wireshark's Time column.</summary>
    public static string Time(TimeSpan time) => time.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>Protocol and header fields: <c>TCP [PSH, ACK] seq=1 ack=1 win=65536 len=25 "Tue Nov 24 ..."</c>, <c>UDP len=0</c>.</summary>
    public static string Fields(PacketEvent e)
    {
        var p = e.Packet;
        var text = new StringBuilder();
        switch (p.Transport)
        {
            case TransportKind.Tcp:
                text.Append(CultureInfo.InvariantCulture, $"TCP [{Flags(p.Flags)}] seq={e.RelativeSequence}");
                if (e.RelativeAcknowledgment is { } ack)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ack={ack}");
                }

                text.Append(CultureInfo.InvariantCulture, $" win={e.Window} len={p.Payload.Length}");
                break;
            case TransportKind.Udp:
                text.Append(CultureInfo.InvariantCulture, $"UDP len={p.Payload.Length}");
                break;
            case TransportKind.Icmp or TransportKind.IcmpV6:
                text.Append(p.Transport == TransportKind.Icmp ? "ICMP" : "ICMPv6");
                if (p.Icmp is { } icmp)
                {
                    text.Append(CultureInfo.InvariantCulture, $" type={icmp.Type} code={icmp.Code}");
                    if (icmp.QuotedSource is { Port: not null } s && icmp.QuotedDestination is { } d)
                    {
                        text.Append(CultureInfo.InvariantCulture, $" (about {(icmp.QuotedTransport == TransportKind.Udp ? "UDP" : "TCP")} {s} -> {d})");
                    }
                }

                return text.ToString();
            default:
                text.Append(CultureInfo.InvariantCulture, $"IP proto {p.IpProtocol} len={p.Payload.Length}");
                return text.ToString();
        }

        if (p.Payload.Length > 0)
        {
            text.Append(' ').Append(Preview(p.Payload.Span));
        }

        return text.ToString();
    }

    /// <summary>Flag names in header bit order, as Wireshark writes them: <c>SYN, ACK</c>; <c>&lt;none&gt;</c> for none.</summary>
    public static string Flags(TcpFlags flags)
    {
        if (flags == TcpFlags.None)
        {
            return "<none>";
        }

        var names = new List<string>(4);
        foreach (var (flag, name) in FlagNames)
        {
            if ((flags & flag) != 0)
            {
                names.Add(name);
            }
        }

        return string.Join(", ", names);
    }

    /// <summary>The start of a payload in quotes, C escapes for \r \n \t \0, '.' for other bytes that are not printable ASCII.</summary>
    public static string Preview(ReadOnlySpan<byte> payload, int max = PreviewLength)
    {
        var text = new StringBuilder("\"");
        foreach (var b in payload[..Math.Min(max, payload.Length)])
        {
            text.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                0 => "\\0",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => ".",
            });
        }

        text.Append('"');
        if (payload.Length > max)
        {
            text.Append("...");
        }

        return text.ToString();
    }

    private static readonly (TcpFlags Flag, string Name)[] FlagNames =
    [
        (TcpFlags.Fin, "FIN"), (TcpFlags.Syn, "SYN"), (TcpFlags.Rst, "RST"), (TcpFlags.Psh, "PSH"),
        (TcpFlags.Ack, "ACK"), (TcpFlags.Urg, "URG"), (TcpFlags.Ece, "ECE"), (TcpFlags.Cwr, "CWR"),
    ];
}
