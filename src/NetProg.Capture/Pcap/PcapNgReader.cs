using System.Buffers.Binary;
using PacketDotNet;

namespace NetProg.Capture.Pcap;

/// <summary>The pcapng half of <see cref="PcapFileReader"/>, entered after the first four bytes (a Section Header Block type).</summary>
internal static class PcapNgReader
{
    /// <summary>No block of a real capture comes near this; a larger length is corruption.</summary>
    private const int MaxBlockLength = 16 * 1024 * 1024;

    private sealed record Interface(LinkLayers LinkType, int SnapLength, long UnitsPerSecond);

    public static IEnumerable<CapturedFrame> Read(Stream stream, string name)
    {
        var bigEndian = false;
        var interfaces = new List<Interface>();
        var head = new byte[4];
        var firstBlock = true;
        while (true)
        {
            uint type;
            if (firstBlock)
            {
                type = PcapNgBlock.SectionHeader;
                firstBlock = false;
            }
            else if (!PcapFileReader.TryFill(stream, head))
            {
                yield break;
            }
            else
            {
                type = PcapFileReader.ReadUInt32(head, bigEndian);
            }

            if (!PcapFileReader.TryFill(stream, head))
            {
                yield break;
            }

            byte[] body;
            if (type == PcapNgBlock.SectionHeader)
            {
                // The block length is in the section's byte order, which only the byte-order magic after it tells.
                var lengthBytes = head.ToArray();
                var magic = new byte[4];
                if (!PcapFileReader.TryFill(stream, magic))
                {
                    yield break;
                }

                bigEndian = BinaryPrimitives.ReadUInt32BigEndian(magic) == PcapNgBlock.ByteOrderMagic;
                if (!bigEndian && BinaryPrimitives.ReadUInt32LittleEndian(magic) != PcapNgBlock.ByteOrderMagic)
                {
                    throw PcapFileReader.NotACapture(name, Strings.Error_NotCapture_NoByteOrder);
                }

                var length = CheckLength(PcapFileReader.ReadUInt32(lengthBytes, bigEndian), name);
                body = new byte[length - 12];
                if (!PcapFileReader.TryFill(stream, body))
                {
                    yield break;
                }

                interfaces.Clear(); // interface ids are per section
                continue;
            }

            var blockLength = CheckLength(PcapFileReader.ReadUInt32(head, bigEndian), name);
            body = new byte[blockLength - 8];
            if (!PcapFileReader.TryFill(stream, body))
            {
                yield break; // a partial last block, as tcpdump or dumpcap leave when killed
            }

            var span = body.AsSpan(0, body.Length - 4); // the trailing copy of the length
            switch (type)
            {
                case PcapNgBlock.InterfaceDescription:
                    interfaces.Add(ReadInterface(span, bigEndian, name));
                    break;
                case PcapNgBlock.EnhancedPacket when span.Length >= 20:
                    {
                        // Compared unsigned: an id of 2^31 or more cast to int would index the list from below (found by fuzzing).
                        var id = PcapFileReader.ReadUInt32(span, bigEndian);
                        var high = PcapFileReader.ReadUInt32(span[4..], bigEndian);
                        var low = PcapFileReader.ReadUInt32(span[8..], bigEndian);
                        var captured = (int)Math.Min(PcapFileReader.ReadUInt32(span[12..], bigEndian), (uint)(span.Length - 20));
                        var original = PcapFileReader.ReadUInt32(span[16..], bigEndian);
                        if (id < (uint)interfaces.Count)
                        {
                            yield return Frame(interfaces[(int)id], ((ulong)high << 32) | low, span.Slice(20, captured), original);
                        }

                        break;
                    }

                case PcapNgBlock.ObsoletePacket when span.Length >= 20:
                    {
                        var id = PcapFileReader.ReadUInt16(span, bigEndian);
                        var high = PcapFileReader.ReadUInt32(span[4..], bigEndian);
                        var low = PcapFileReader.ReadUInt32(span[8..], bigEndian);
                        var captured = (int)Math.Min(PcapFileReader.ReadUInt32(span[12..], bigEndian), (uint)(span.Length - 20));
                        var original = PcapFileReader.ReadUInt32(span[16..], bigEndian);
                        if (id < interfaces.Count)
                        {
                            yield return Frame(interfaces[id], ((ulong)high << 32) | low, span.Slice(20, captured), original);
                        }

                        break;
                    }

                case PcapNgBlock.SimplePacket when span.Length >= 4 && interfaces.Count > 0:
                    {
                        // No timestamp and no captured length: the frame is the original length, cut to the snapshot length.
                        var original = PcapFileReader.ReadUInt32(span, bigEndian);
                        var snap = interfaces[0].SnapLength > 0 ? interfaces[0].SnapLength : int.MaxValue;
                        var captured = (int)Math.Min(Math.Min(original, (uint)snap), (uint)(span.Length - 4));
                        yield return new CapturedFrame(DateTimeOffset.UnixEpoch, interfaces[0].LinkType, span.Slice(4, captured).ToArray(), (int)Math.Min(original, int.MaxValue));
                        break;
                    }

                default:
                    break; // name resolution, statistics, custom blocks: nothing to show
            }
        }
    }

    private static int CheckLength(uint length, string name)
    {
        if (length < 12 || length > MaxBlockLength || length % 4 != 0)
        {
            throw PcapFileReader.NotACapture(name, string.Format(Strings.Error_NotCapture_BlockLength, length));
        }

        return (int)length;
    }

    private static Interface ReadInterface(ReadOnlySpan<byte> body, bool bigEndian, string name)
    {
        // Link type (2), reserved (2), snapshot length (4): a shorter block is corruption (found by fuzzing).
        if (body.Length < 8)
        {
            throw PcapFileReader.NotACapture(name, string.Format(Strings.Error_NotCapture_InterfaceBlock, body.Length));
        }

        var linkType = (LinkLayers)PcapFileReader.ReadUInt16(body, bigEndian);
        var snap = (int)Math.Min(PcapFileReader.ReadUInt32(body[4..], bigEndian), int.MaxValue);
        long unitsPerSecond = 1_000_000; // default resolution: microseconds
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = PcapFileReader.ReadUInt16(options, bigEndian);
            var length = PcapFileReader.ReadUInt16(options[2..], bigEndian);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            if (code == PcapNgBlock.TimestampResolutionOption && length >= 1)
            {
                // High bit clear: 10^-n seconds; set: 2^-n seconds.
                var value = options[4];
                var exponent = value & 0x7F;
                unitsPerSecond = (value & 0x80) == 0
                    ? (long)Math.Pow(10, Math.Min(exponent, 18))
                    : 1L << Math.Min(exponent, 62);
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        return new Interface(linkType, snap, unitsPerSecond);
    }

    private static CapturedFrame Frame(Interface nic, ulong units, ReadOnlySpan<byte> data, uint original)
    {
        var seconds = (long)(units / (ulong)nic.UnitsPerSecond);
        var remainder = (long)(units % (ulong)nic.UnitsPerSecond);
        var ticks = (long)(remainder * (TimeSpan.TicksPerSecond / (double)nic.UnitsPerSecond));
        return new CapturedFrame(PcapFileReader.Timestamp(seconds, ticks), nic.LinkType, data.ToArray(), (int)Math.Min(original, int.MaxValue));
    }
}
