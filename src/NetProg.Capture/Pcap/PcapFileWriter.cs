using System.Buffers.Binary;
using PacketDotNet;

namespace NetProg.Capture.Pcap;

/// <summary>
/// Writes the classic pcap format (microsecond timestamps, this machine's byte order, as tcpdump -w does): every
/// version of Wireshark, tshark and tcpdump reads it. All frames of one file share one link-layer type.
/// </summary>
public sealed class PcapFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _record = new byte[16];
    private readonly LinkLayers _linkType;

    private PcapFileWriter(Stream stream, LinkLayers linkType)
    {
        _stream = stream;
        _linkType = linkType;

        // The header goes out at once: a capture that saw no packet is still a valid (empty) pcap file.
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], PcapFileReader.MaxFrameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        _stream.Write(header);
    }

    /// <summary>Frames written so far.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// Creates (or replaces) <paramref name="path"/> as <see cref="CaptureFiles.CreatePrivate"/> does (owner only, no symbolic
    /// link); <see cref="CaptureException"/> (BadFile) when it cannot. Frames reach the file on <see cref="Flush"/>.
    /// </summary>
    public static PcapFileWriter Create(string path, LinkLayers linkType)
    {
        try
        {
            return new PcapFileWriter(CaptureFiles.CreatePrivate(path), linkType);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CaptureException(CaptureErrorKind.BadFile, string.Format(Strings.Error_CannotWrite, path, e.Message), e);
        }
    }

    /// <summary>Writes to <paramref name="stream"/>, which the writer owns from now on.</summary>
    public static PcapFileWriter Create(Stream stream, LinkLayers linkType) => new(stream, linkType);

    public void Write(CapturedFrame frame)
    {
        if (_linkType != frame.LinkType)
        {
            throw new InvalidOperationException($"a pcap file holds one link type: {_linkType}, not {frame.LinkType}");
        }

        var sinceEpoch = frame.Timestamp - DateTimeOffset.UnixEpoch;
        var seconds = Math.Max(0, sinceEpoch.Ticks / TimeSpan.TicksPerSecond);
        var micros = Math.Max(0, sinceEpoch.Ticks % TimeSpan.TicksPerSecond / 10);
        BinaryPrimitives.WriteUInt32LittleEndian(_record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(4), (uint)micros);
        BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(8), (uint)frame.Data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(12), (uint)Math.Max(frame.OriginalLength, frame.Data.Length));
        _stream.Write(_record);
        _stream.Write(frame.Data);
        Count++;
    }

    /// <summary>
    /// Hands what was written to the OS: from then on it is in the file for a reader (Wireshark, tshark -r) and survives the
    /// capture being killed. A live capture calls it after each batch of frames.
    /// </summary>
    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();
}
