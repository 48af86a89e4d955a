using System.Buffers.Binary;
using PacketDotNet;

namespace NetProg.Capture.Pcap;

/// <summary>
/// Reads capture files without libpcap, so <c>--read</c> works on any machine and needs no privileges: the classic pcap
/// format (tcpdump's default; both byte orders, microsecond and nanosecond timestamps) and pcapng (Wireshark's and
/// tshark's default: Section Header, Interface Description, Enhanced, Simple and obsolete Packet blocks; the others are
/// skipped as the format allows). Formats: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/ and
/// https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/.
/// </summary>
public static class PcapFileReader
{
    /// <summary>A frame larger than this is a corrupt length field, not a packet (libpcap's own bound, MAXIMUM_SNAPLEN).</summary>
    internal const int MaxFrameLength = 262144;

    /// <summary>Reads every frame of <paramref name="path"/>, lazily; <see cref="CaptureException"/> (BadFile) when it is not a capture file.</summary>
    public static IEnumerable<CapturedFrame> Read(string path)
    {
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CaptureException(CaptureErrorKind.BadFile, string.Format(Strings.Error_CannotRead, path, e.Message), e);
        }

        return ReadAll(stream, path);
    }

    /// <summary>Reads every frame of a capture held in <paramref name="stream"/> (which is disposed at the end).</summary>
    public static IEnumerable<CapturedFrame> Read(Stream stream, string name) => ReadAll(stream, name);

    private static IEnumerable<CapturedFrame> ReadAll(Stream stream, string name)
    {
        using (stream)
        {
            var magic = new byte[4];
            if (!TryFill(stream, magic))
            {
                throw NotACapture(name, Strings.Error_NotCapture_Short);
            }

            var source = BinaryPrimitives.ReadUInt32LittleEndian(magic) == PcapNgBlock.SectionHeader
                ? PcapNgReader.Read(stream, name)
                : ClassicPcap(stream, magic, name);
            foreach (var frame in source)
            {
                yield return frame;
            }
        }
    }

    private static IEnumerable<CapturedFrame> ClassicPcap(Stream stream, byte[] magic, string name)
    {
        // The magic number is written in the writer's byte order; 0xa1b23c4d marks nanosecond timestamps.
        var (bigEndian, nanoseconds) = BinaryPrimitives.ReadUInt32LittleEndian(magic) switch
        {
            0xa1b2c3d4 => (false, false),
            0xd4c3b2a1 => (true, false),
            0xa1b23c4d => (false, true),
            0x4d3cb2a1 => (true, true),
            _ => throw NotACapture(name, Strings.Error_NotCapture_NoMagic),
        };

        var header = new byte[20];
        if (!TryFill(stream, header))
        {
            throw NotACapture(name, Strings.Error_NotCapture_HeaderCut);
        }

        var linkType = (LinkLayers)(ReadUInt32(header.AsSpan(16), bigEndian) & 0xFFFF);
        var record = new byte[16];
        while (TryFill(stream, record))
        {
            var seconds = ReadUInt32(record, bigEndian);
            var fraction = ReadUInt32(record.AsSpan(4), bigEndian);
            var captured = ReadUInt32(record.AsSpan(8), bigEndian);
            var original = ReadUInt32(record.AsSpan(12), bigEndian);
            if (captured > MaxFrameLength)
            {
                throw NotACapture(name, string.Format(Strings.Error_NotCapture_RecordTooLarge, captured));
            }

            var data = new byte[captured];
            if (!TryFill(stream, data))
            {
                // tcpdump killed mid-write leaves a partial last record; Wireshark shows the frames before it, so do we.
                yield break;
            }

            var ticks = nanoseconds ? fraction / 100L : fraction * 10L;
            yield return new CapturedFrame(Timestamp(seconds, ticks), linkType, data, (int)Math.Min(original, int.MaxValue));
        }
    }

    /// <summary>
    /// Seconds and ticks since 1970, held within what <see cref="DateTimeOffset"/> can show: a pcapng timestamp has 64 bits,
    /// and a corrupt one (or a resolution of whole seconds) goes past the year 9999 (found by fuzzing).
    /// </summary>
    internal static DateTimeOffset Timestamp(long seconds, long ticks)
    {
        var maxSeconds = (long)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).TotalSeconds - 1;
        return seconds < 0 || seconds > maxSeconds
            ? DateTimeOffset.MaxValue
            : DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(Math.Clamp(ticks, 0, TimeSpan.TicksPerSecond - 1));
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    internal static ushort ReadUInt16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    /// <summary>Fills <paramref name="buffer"/> completely; false at a clean or partial end of the stream.</summary>
    internal static bool TryFill(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                return false;
            }

            total += read;
        }

        return true;
    }

    internal static CaptureException NotACapture(string name, string why) =>
        new(CaptureErrorKind.BadFile, string.Format(Strings.Error_NotCapture, name, why));
}
