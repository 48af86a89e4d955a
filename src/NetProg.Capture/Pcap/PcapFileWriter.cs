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
    private readonly OutputFile? _file;
    private readonly byte[] _record = new byte[16];
    private readonly LinkLayers _linkType;

    private PcapFileWriter(Stream stream, LinkLayers linkType, OutputFile? file = null)
    {
        _stream = stream;
        _file = file;
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
    /// Creates (or replaces) <paramref name="path"/> as <see cref="CaptureFiles.Create"/> does for a growing file: at its
    /// name, owner only, given to <paramref name="owner"/>, never through a symbolic link; <see cref="CaptureException"/>
    /// (BadFile) when it cannot. Frames reach the file on <see cref="Flush"/>, so it can be read while the capture runs.
    /// </summary>
    public static PcapFileWriter Create(string path, LinkLayers linkType, FileOwner? owner = null)
    {
        OutputFile? file = null;
        try
        {
            file = CaptureFiles.Create(path, owner, inPlace: true);
            return new PcapFileWriter(file.Stream, linkType, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            file?.Dispose();
            throw CannotWrite(path, e);
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

    /// <summary>
    /// The capture is complete (its count, its duration, Ctrl+C, the end of the file read): the file takes its name
    /// (<see cref="OutputFile.Commit"/>: the last bytes flushed, and fsync). A writer disposed without it keeps what was flushed.
    /// </summary>
    /// <exception cref="CaptureException">The file could not be finished or renamed (BadFile).</exception>
    public void Commit()
    {
        if (_file is null)
        {
            _stream.Flush();
            return;
        }

        try
        {
            _file.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(_file.Path, e);
        }
    }

    public void Dispose()
    {
        if (_file is not null)
        {
            _file.Dispose();
        }
        else
        {
            _stream.Dispose();
        }
    }

    private static CaptureException CannotWrite(string path, Exception e) =>
        new(CaptureErrorKind.BadFile, string.Format(Strings.Error_CannotWrite, path, e.Message), e);
}
