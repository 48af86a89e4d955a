namespace NetProg.Capture.Pcap;

/// <summary>pcapng block type codes (draft-ietf-opsawg-pcapng section 11.1).</summary>
internal static class PcapNgBlock
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint InterfaceDescription = 1;
    public const uint ObsoletePacket = 2;
    public const uint SimplePacket = 3;
    public const uint EnhancedPacket = 6;

    /// <summary>The byte-order magic inside a Section Header Block.</summary>
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>The if_tsresol option of an Interface Description Block.</summary>
    public const ushort TimestampResolutionOption = 9;
}
