using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace NetProg.Capture.Live;

/// <summary>
/// A SharpPcap device read in a loop with <c>pcap_next_ex</c> (GetNextPacket): no callback thread of SharpPcap's own. An
/// interface (<see cref="LibPcapLiveDevice"/>), or a capture file replayed through libpcap (<see cref="CaptureFileReaderDevice"/>).
/// </summary>
internal sealed class PcapLiveDevice : ILiveDevice
{
    // Fields, not primary-constructor parameters: CA2000 sees a device stored in a field as handed over to this object
    // (which closes it in Dispose), and a captured parameter as lost.
    private readonly PcapDevice _device;
    private readonly TimeSpan _readTimeout;

    public PcapLiveDevice(PcapDevice device, TimeSpan readTimeout)
    {
        _device = device;
        _readTimeout = readTimeout;
    }

    public string Name => _device.Name;

    public LinkLayers LinkType => _device.LinkType;

    public long? KernelDropped
    {
        get
        {
            try
            {
                return _device.Statistics is { } s ? s.DroppedPackets : null;
            }
            catch (PcapException)
            {
                return null;
            }
        }
    }

    public CapturedFrame? Next()
    {
        var status = _device.GetNextPacket(out var capture);
        switch (status)
        {
            case GetPacketStatus.PacketRead:
                var raw = capture.GetPacket();
                return new CapturedFrame(new DateTimeOffset(raw.Timeval.Date, TimeSpan.Zero), raw.LinkLayerType, raw.Data, raw.PacketLength);
            case GetPacketStatus.ReadTimeout:
                return null;
            case GetPacketStatus.NoRemainingPackets:
                // The end of a replayed file (pcap_next_ex(3PCAP) returns PCAP_ERROR_BREAK there; an interface never does): it
                // reads as an interface gone quiet, one read timeout per call, so the capture thread waits for its stop
                // instead of spinning.
                Thread.Sleep(_readTimeout);
                return null;
            default:
                throw new CaptureException(CaptureErrorKind.DeviceFailed, string.Format(Strings.Error_CaptureFailed, _device.Name, _device.LastError));
        }
    }

    public void Dispose()
    {
        _device.Close();
        _device.Dispose();
    }
}
