using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace NetProg.Capture.Live;

/// <summary>A SharpPcap device read in a loop with <c>pcap_next_ex</c> (GetNextPacket): no callback thread of SharpPcap's own.</summary>
internal sealed class PcapLiveDevice(LibPcapLiveDevice device) : ILiveDevice
{
    public string Name => device.Name;

    public LinkLayers LinkType => device.LinkType;

    public long? KernelDropped
    {
        get
        {
            try
            {
                return device.Statistics is { } s ? s.DroppedPackets : null;
            }
            catch (PcapException)
            {
                return null;
            }
        }
    }

    public CapturedFrame? Next()
    {
        var status = device.GetNextPacket(out var capture);
        switch (status)
        {
            case GetPacketStatus.PacketRead:
                var raw = capture.GetPacket();
                return new CapturedFrame(new DateTimeOffset(raw.Timeval.Date, TimeSpan.Zero), raw.LinkLayerType, raw.Data, raw.PacketLength);
            case GetPacketStatus.ReadTimeout:
                return null;
            case GetPacketStatus.NoRemainingPackets:
                return null;
            default:
                throw new CaptureException(CaptureErrorKind.DeviceFailed, string.Format(Strings.Error_CaptureFailed, device.Name, device.LastError));
        }
    }

    public void Dispose()
    {
        device.Close();
        device.Dispose();
    }
}
