using NetProg.Capture.Decoding;
using NetProg.Capture.Flows;
using NetProg.Capture.Text;

namespace NetProg.Capture.FlowGraph;

/// <summary>
/// The lecture's "client/server communication procedure" picture drawn from real packets: one self-contained HTML file
/// (no scripts, no external files) holding an SVG ladder diagram — a column per endpoint, an arrow per packet labelled
/// with its flags, relative seq/ack and what it does, time running down. Wireshark's Statistics → Flow Graph, for a browser.
/// </summary>
public static class FlowGraphWriter
{
    /// <summary>Arrows drawn at most; a longer capture says how many were left out.</summary>
    public const int MaxArrows = 2000;

    private const int ColumnWidth = 300;
    private const int LeftMargin = 120;
    private const int HeaderHeight = 70;
    private const int RowHeight = 52;

    /// <param name="events">The packets, in capture order (only the first <see cref="MaxArrows"/> are drawn).</param>
    /// <param name="title">The page's title.</param>
    /// <param name="total">How many packets the capture had, when more than <paramref name="events"/> holds. Default: events.Count.</param>
    public static string Render(IReadOnlyList<PacketEvent> events, string title, int? total = null)
    {
        var shown = events.Take(MaxArrows).ToList();
        var columns = Columns(shown);
        var width = LeftMargin + (Math.Max(columns.Count, 2) * ColumnWidth);
        var height = HeaderHeight + (shown.Count * RowHeight) + 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="monospace" font-size="12">""").Append('\n');
        svg.Append("""<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="8" y="{HeaderHeight - 14}" fill="#555">{Escape(Strings.Graph_Time)}</text>""").Append('\n');

        foreach (var (endpoint, index) in columns.Select((c, i) => (c, i)))
        {
            var x = X(index);
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="endpoint"><text x="{x}" y="22" text-anchor="middle" font-weight="bold" fill="#111">{Escape(endpoint.Name)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x}" y="40" text-anchor="middle" fill="#555">{Escape(endpoint.Role)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="{HeaderHeight - 20}" x2="{x}" y2="{height - 10}" stroke="#999" stroke-dasharray="4 4"/></g>""").Append('\n');
        }

        var lookup = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var (e, row) in shown.Select((e, i) => (e, i)))
        {
            var y = HeaderHeight + (row * RowHeight) + 26;
            var from = X(lookup[e.From.ToString()]);
            var to = X(lookup[e.To.ToString()]);
            var colour = Colour(e.Kind);
            var mid = (from + to) / 2;
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="packet" data-number="{e.Number}" data-kind="{e.Kind}">""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="8" y="{y + 4}" fill="#555">{PacketText.Time(e.RelativeTime)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{from}" y1="{y}" x2="{to}" y2="{y}" stroke="{colour}" stroke-width="2" marker-end="url(#arrow)"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="label" x="{mid}" y="{y - 6}" text-anchor="middle" fill="{colour}">{Escape(Label(e))}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="annotation" x="{mid}" y="{y + 16}" text-anchor="middle" fill="#333" font-style="italic">{Escape(e.Annotation)}</text>""");
            svg.Append("</g>\n");
        }

        svg.Append("</svg>");

        var count = Math.Max(total ?? events.Count, events.Count);
        var omitted = count - shown.Count;
        var note = omitted > 0 ? $"<p>{Escape(string.Format(Strings.Graph_Omitted, shown.Count, omitted))}</p>" : string.Empty;
        return $$"""
            <!DOCTYPE html>
            <html lang="{{Strings.Graph_Lang}}">
            <head>
            <meta charset="utf-8">
            <title>{{Escape(title)}}</title>
            <style>
            body { font-family: sans-serif; margin: 16px; background: #fafafa; color: #111; }
            h1 { font-size: 18px; }
            .legend span { display: inline-block; margin-right: 14px; font-size: 13px; }
            svg { background: #fff; border: 1px solid #ddd; }
            </style>
            </head>
            <body>
            <h1>{{Escape(title)}}</h1>
            <p class="legend"><span style="color:#1f5fbf">■ {{Escape(Strings.Legend_Handshake)}}</span><span style="color:#1e8a3a">■ {{Escape(Strings.Legend_Data)}}</span><span style="color:#666">■ {{Escape(Strings.Legend_AckOnly)}}</span><span style="color:#d07000">■ FIN</span><span style="color:#c0392b">■ {{Escape(Strings.Legend_Rst)}}</span><span style="color:#8e44ad">■ {{Escape(Strings.Legend_Retransmission)}}</span><span style="color:#148f8f">■ UDP</span></p>
            <p>{{Escape(string.Format(Strings.Graph_Explanation, count))}}</p>
            {{note}}
            {{svg}}
            </body>
            </html>

            """;
    }

    /// <summary>Flags and numbers for TCP (<c>[SYN, ACK] seq=0 ack=1</c>), the length for UDP, type for ICMP.</summary>
    public static string Label(PacketEvent e)
    {
        var p = e.Packet;
        return p.Transport switch
        {
            TransportKind.Tcp => $"[{PacketText.Flags(p.Flags)}] seq={e.RelativeSequence}{(e.RelativeAcknowledgment is { } a ? $" ack={a}" : string.Empty)} len={p.Payload.Length}",
            TransportKind.Udp => $"UDP len={p.Payload.Length}",
            TransportKind.Icmp or TransportKind.IcmpV6 => $"{(p.Transport == TransportKind.Icmp ? "ICMP" : "ICMPv6")} type={p.Icmp?.Type} code={p.Icmp?.Code}",
            _ => $"IP proto {p.IpProtocol}",
        };
    }

    private static int X(int column) => LeftMargin + (column * ColumnWidth) + (ColumnWidth / 2);

    /// <summary>Endpoints in order of first appearance, each with the role it plays (client, server, or both for a busy host).</summary>
    private static List<(string Name, string Role)> Columns(IReadOnlyList<PacketEvent> events)
    {
        var order = new List<string>();
        var roles = new Dictionary<string, HashSet<string>>();
        void Add(Endpoint endpoint, string? role)
        {
            var name = endpoint.ToString();
            if (!roles.TryGetValue(name, out var set))
            {
                set = [];
                roles[name] = set;
                order.Add(name);
            }

            if (role is not null)
            {
                set.Add(role);
            }
        }

        foreach (var e in events)
        {
            var (fromRole, toRole) = e.Sender switch
            {
                PeerRole.Client => (Strings.Role_Client, Strings.Role_Server),
                PeerRole.Server => (Strings.Role_Server, Strings.Role_Client),
                _ => ((string?)null, (string?)null),
            };
            Add(e.From, fromRole);
            Add(e.To, toRole);
        }

        return [.. order.Select(n => (n, string.Join(" / ", roles[n].Order(StringComparer.Ordinal))))];
    }

    private static string Colour(PacketKind kind) => kind switch
    {
        PacketKind.HandshakeSyn or PacketKind.HandshakeSynAck or PacketKind.HandshakeAck => "#1f5fbf",
        PacketKind.Data => "#1e8a3a",
        PacketKind.Fin => "#d07000",
        PacketKind.Refused or PacketKind.Reset or PacketKind.PortUnreachable => "#c0392b",
        PacketKind.Retransmission => "#8e44ad",
        PacketKind.UdpDatagram => "#148f8f",
        _ => "#666",
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
