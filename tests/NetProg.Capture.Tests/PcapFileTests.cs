using PacketDotNet;
using NetProg.Capture.Pcap;

namespace NetProg.Capture.Tests;

public sealed class PcapFileTests
{
    [Theory]
    [InlineData("tcp-time-v4.pcap", 8)]
    [InlineData("tcp-refused-v4.pcap", 2)]
    [InlineData("udp-time-v4.pcap", 4)]
    [InlineData("tcp-echo-v6.pcapng", 10)]
    [InlineData("udp-echo-v6.pcapng", 6)]
    public void Should_read_every_frame_of_tcpdump_pcap_and_tshark_pcapng_files(string file, int frames)
    {
        // Given files written by tcpdump (pcap) and tshark (pcapng) on Linux loopback
        // When read
        var read = TestData.Frames(file);

        // Then every frame is there, Ethernet-framed, in time order, with whole lengths
        Assert.Equal(frames, read.Count);
        Assert.All(read, f => Assert.Equal(LinkLayers.Ethernet, f.LinkType));
        Assert.All(read, f => Assert.Equal(f.OriginalLength, f.Data.Length));
        Assert.Equal(read.Select(f => f.Timestamp).Order(), read.Select(f => f.Timestamp));
        Assert.All(read, f => Assert.Equal(2026, f.Timestamp.Year));
    }

    [Fact]
    public void Should_read_back_exactly_what_it_wrote()
    {
        // Given the frames of a tshark pcapng file
        var frames = TestData.Frames("tcp-echo-v6.pcapng");

        // When written as pcap and read again
        var buffer = new MemoryStream();
        using (var writer = PcapFileWriter.Create(new NonClosing(buffer), LinkLayers.Ethernet))
        {
            frames.ForEach(writer.Write);
        }

        var again = PcapFileReader.Read(new MemoryStream(buffer.ToArray()), "memory").ToList();

        // Then bytes and microsecond timestamps survive
        Assert.Equal(frames.Count, again.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Data, again[i].Data);
            Assert.Equal(Micros(frames[i].Timestamp), Micros(again[i].Timestamp));
        }
    }

    [Fact]
    public void Should_write_a_valid_empty_file_when_nothing_was_captured()
    {
        var buffer = new MemoryStream();
        PcapFileWriter.Create(new NonClosing(buffer), LinkLayers.Ethernet).Dispose();

        Assert.Equal(24, buffer.Length);
        Assert.Empty(PcapFileReader.Read(new MemoryStream(buffer.ToArray()), "memory"));
    }

    [Fact]
    public void Should_refuse_a_file_that_is_not_a_capture_in_plain_words()
    {
        var error = Assert.Throws<CaptureException>(() => PcapFileReader.Read(new MemoryStream("hello, this is text"u8.ToArray()), "notes.txt").ToList());

        Assert.Equal(CaptureErrorKind.BadFile, error.Kind);
        Assert.Contains("'notes.txt' is not a capture file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_say_which_file_is_missing()
    {
        var error = Assert.Throws<CaptureException>(() => PcapFileReader.Read("/nonexistent/x.pcap"));

        Assert.Equal(CaptureErrorKind.BadFile, error.Kind);
        Assert.Contains("/nonexistent/x.pcap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_stop_at_a_partial_last_record_like_Wireshark()
    {
        // Given a pcap whose last record was cut short (tcpdump killed mid-write)
        var bytes = File.ReadAllBytes(TestData.PathOf("tcp-time-v4.pcap"));

        // When read
        var frames = PcapFileReader.Read(new MemoryStream(bytes[..^10]), "cut.pcap").ToList();

        // Then the complete frames are there
        Assert.Equal(7, frames.Count);
    }

    private static long Micros(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / 10;

    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
