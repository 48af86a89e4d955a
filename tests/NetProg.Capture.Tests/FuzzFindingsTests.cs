using System.Buffers.Binary;
using NetProg.Capture.Decoding;
using NetProg.Capture.Pcap;
using PacketDotNet;

namespace NetProg.Capture.Tests;

/// <summary>
/// Regression tests for what fuzzing the capture path found (fuzz/corpus/capture/crash-*, docs/FUZZING.md). Each input once
/// threw out of <c>netprog capture --read</c>, or killed it with a stack overflow.
/// </summary>
public sealed class FuzzFindingsTests
{
    [Fact]
    public void Should_not_hand_PacketDotNet_an_IP_header_of_version_10_When_it_would_recurse_until_the_stack_overflows()
    {
        // crash-stack-overflow-ip-version-10.pcap: an Ethernet frame of type IPv4 whose header starts 0xA0 (version 10, length 0).
        byte[] frame = [.. new byte[12], 0x08, 0x00, 0xA0, 0x02, 0xFF, 0xD7, 0xFE, 0x30, 0, 0, 0x02, 0x04, 0xFF, 0xD7, 0x04, 0x02, 0, 0x45];

        Assert.False(IpHeaderCheck.IsSound(LinkLayers.Ethernet, frame));
        Assert.Null(PacketDecoder.Decode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, frame, frame.Length)));
    }

    [Fact]
    public void Should_follow_IP_in_IP_only_to_a_bounded_depth_and_pass_ordinary_IPv4_and_IPv6()
    {
        byte[] ipv4 = [0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1];
        byte[] ipip = [.. ipv4[..9], 4, .. ipv4[10..]];
        byte[] ipv6 = [0x60, 0, 0, 0, 0, 0, 17, 64, .. new byte[32]];

        Assert.True(IpHeaderCheck.IsSound(LinkLayers.Raw, ipv4));
        Assert.True(IpHeaderCheck.IsSound(LinkLayers.Raw, ipv6));
        Assert.True(IpHeaderCheck.IsSound(LinkLayers.Raw, [.. ipip, .. ipip, .. ipv4]));
        Assert.False(IpHeaderCheck.IsSound(LinkLayers.Raw, [.. Enumerable.Repeat(ipip, 20).SelectMany(h => h)]));
        Assert.False(IpHeaderCheck.IsSound(LinkLayers.Raw, [0x40, .. ipv4[1..]])); // IHL 0
    }

    [Fact]
    public void Should_skip_a_pcapng_packet_whose_interface_id_is_2_to_the_31_instead_of_indexing_below_the_list()
    {
        var file = PcapNg(Interface(tsresol: null), EnhancedPacket(interfaceId: 0x8000_0000, high: 0, low: 0), EnhancedPacket(0, 0, 1));

        var frames = PcapFileReader.Read(new MemoryStream(file), "fuzz.pcapng").ToList();

        Assert.Single(frames); // the packet of interface 0 only
    }

    [Fact]
    public void Should_clamp_a_pcapng_timestamp_past_the_year_9999_When_the_resolution_is_whole_seconds()
    {
        var file = PcapNg(Interface(tsresol: 0), EnhancedPacket(0, high: 0xFFFF_FFFF, low: 0xFFFF_FFFF));

        var frame = Assert.Single(PcapFileReader.Read(new MemoryStream(file), "fuzz.pcapng"));

        Assert.Equal(DateTimeOffset.MaxValue, frame.Timestamp);
    }

    [Fact]
    public void Should_refuse_a_pcapng_interface_block_shorter_than_its_fixed_8_bytes_in_plain_words()
    {
        var shortInterface = Block(1, [1, 0, 0, 0]);

        var error = Assert.Throws<CaptureException>(() => PcapFileReader.Read(new MemoryStream(PcapNg(shortInterface)), "fuzz.pcapng").ToList());

        Assert.Contains("interface description block has 4 bytes", error.Message, StringComparison.Ordinal);
    }

    private static byte[] PcapNg(params byte[][] blocks)
    {
        // Section Header Block: byte-order magic, version 1.0, section length unknown (-1).
        byte[] body = [0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, .. Enumerable.Repeat((byte)0xFF, 8)];
        return [.. Block(0x0A0D0D0A, body), .. blocks.SelectMany(b => b)];
    }

    private static byte[] Interface(byte? tsresol)
    {
        // Ethernet, snaplen 65535, and optionally if_tsresol (option 9, 1 byte, padded to 4), then opt_endofopt.
        byte[] options = tsresol is { } r ? [9, 0, 1, 0, r, 0, 0, 0, 0, 0, 0, 0] : [];
        return Block(1, [1, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. options]);
    }

    private static byte[] EnhancedPacket(uint interfaceId, uint high, uint low)
    {
        var fixedPart = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart, interfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart.AsSpan(4), high);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart.AsSpan(8), low);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart.AsSpan(12), 4); // captured length
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart.AsSpan(16), 4); // original length
        return Block(6, [.. fixedPart, 1, 2, 3, 4]);
    }

    private static byte[] Block(uint type, byte[] body)
    {
        var length = 12 + body.Length;
        var block = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)length);
        body.CopyTo(block.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(length - 4), (uint)length);
        return block;
    }
}
