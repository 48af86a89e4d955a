using System.Buffers.Binary;
using PacketDotNet;

namespace NetProg.Capture.Decoding;

/// <summary>
/// Checks the IP headers of a frame before PacketDotNet sees it. PacketDotNet 1.4.8 recurses without end on an IP header
/// whose version or header length is impossible (a version-10 "IPv4" header of length 0 parsed as its own payload) and
/// dies of a stack overflow, which no catch can stop: one such frame, from a file or from the wire, would kill
/// <c>netprog capture</c> (found by fuzzing, fuzz/corpus/capture). Tunnelled IP (IP-in-IP, 6in4) is followed to a
/// bounded depth for the same reason.
/// </summary>
internal static class IpHeaderCheck
{
    private const int MaxTunnelDepth = 8;

    /// <summary>False when the frame's IP headers (where this link type is known) cannot be what they claim.</summary>
    public static bool IsSound(LinkLayers link, ReadOnlySpan<byte> frame)
    {
        if (!TryFindNetworkLayer(link, frame, out var offset, out var version))
        {
            return true; // not IP, or a link type this check does not know: PacketDotNet reads no IP from it
        }

        for (var depth = 0; depth <= MaxTunnelDepth; depth++)
        {
            if (offset >= frame.Length)
            {
                return true; // truncated: PacketDotNet stops at the end of the data
            }

            var actual = frame[offset] >> 4;
            if (version != 0 && actual != version)
            {
                return false;
            }

            int next;
            switch (actual)
            {
                case 4:
                    var headerLength = (frame[offset] & 0x0F) * 4;
                    if (headerLength < 20)
                    {
                        return false;
                    }

                    if (offset + 10 > frame.Length)
                    {
                        return true;
                    }

                    next = frame[offset + 9];
                    offset += headerLength;
                    break;
                case 6:
                    if (offset + 7 > frame.Length)
                    {
                        return true;
                    }

                    next = frame[offset + 6];
                    offset += 40;
                    break;
                default:
                    return false;
            }

            // IPPROTO_IPIP (4) and IPPROTO_IPV6 (41): another IP header follows.
            if (next is not (4 or 41))
            {
                return true;
            }

            version = next == 4 ? 4 : 6;
        }

        return false;
    }

    private static bool TryFindNetworkLayer(LinkLayers link, ReadOnlySpan<byte> frame, out int offset, out int version)
    {
        offset = 0;
        version = 0;
        switch (link)
        {
            case LinkLayers.Ethernet:
                offset = 12;
                while (offset + 2 <= frame.Length)
                {
                    var type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                    offset += 2;
                    if (type is 0x8100 or 0x88A8)
                    {
                        offset += 2; // an 802.1Q/802.1ad tag: its TCI, then the next type
                        continue;
                    }

                    return EtherType(type, out version);
                }

                return false;
            case LinkLayers.LinuxSll:
                offset = 16;
                return frame.Length >= 16 && EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), out version);
            case LinkLayers.LinuxSll2:
                offset = 20;
                return frame.Length >= 20 && EtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), out version);
            case LinkLayers.Null or LinkLayers.Loop:
                // A 4-byte address family in the writer's byte order: AF_INET 2, AF_INET6 24, 28 or 30 (BSDs differ).
                offset = 4;
                if (frame.Length < 4)
                {
                    return false;
                }

                var family = Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(frame), BinaryPrimitives.ReadUInt32BigEndian(frame));
                version = family == 2 ? 4 : family is 24 or 28 or 30 ? 6 : 0;
                return version != 0;
            case LinkLayers.Raw or LinkLayers.RawLegacy:
                return true; // the version nibble says which
            default:
                return false;
        }
    }

    private static bool EtherType(ushort type, out int version)
    {
        version = type == 0x0800 ? 4 : type == 0x86DD ? 6 : 0;
        return version != 0;
    }
}
