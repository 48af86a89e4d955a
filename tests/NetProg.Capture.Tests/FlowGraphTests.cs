using System.Xml.Linq;
using NetProg.Capture.FlowGraph;

namespace NetProg.Capture.Tests;

public sealed partial class FlowGraphTests
{
    [Theory]
    [InlineData("tcp-time-v4.pcap")]
    [InlineData("tcp-echo-v6.pcapng")]
    [InlineData("udp-time-v4.pcap")]
    public void Should_draw_one_labelled_arrow_per_packet(string file)
    {
        var events = TestData.Events(file);

        var html = FlowGraphWriter.Render(events, file);

        // The SVG is well-formed XML: one packet group per packet, each with its arrow, flags and annotation.
        var svg = XElement.Parse(SvgRegex().Match(html).Value);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var packets = svg.Elements(ns + "g").Where(g => (string?)g.Attribute("class") == "packet").ToList();
        Assert.Equal(events.Count, packets.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Single(packets[i].Elements(ns + "line"));
            var texts = packets[i].Elements(ns + "text").ToDictionary(t => (string?)t.Attribute("class") ?? "time", t => t.Value);
            Assert.Equal(FlowGraphWriter.Label(events[i]), texts["label"]);
            Assert.Equal(events[i].Annotation, texts["annotation"]);
        }
    }

    [Fact]
    public void Should_put_a_column_per_endpoint_with_the_client_first()
    {
        var html = FlowGraphWriter.Render(TestData.Events("tcp-time-v4.pcap"), "time");

        var svg = XElement.Parse(SvgRegex().Match(html).Value);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var columns = svg.Elements(ns + "g").Where(g => (string?)g.Attribute("class") == "endpoint")
            .Select(g => string.Join(" ", g.Elements(ns + "text").Select(t => t.Value))).ToList();
        Assert.Equal(["127.0.0.1:46978 client", "127.0.0.1:35987 server"], columns);
        Assert.Contains("[SYN, ACK] seq=0 ack=1 len=0", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Should_say_how_many_packets_were_left_out_of_a_long_capture()
    {
        var events = TestData.Events("tcp-time-v4.pcap");

        var html = FlowGraphWriter.Render(events, "long", total: 5000);

        Assert.Contains("<p>5000 packets.", html, StringComparison.Ordinal);
        Assert.Contains($"The first {events.Count} packets are drawn; {5000 - events.Count} more were left out.", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg.*</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgRegex();
}
