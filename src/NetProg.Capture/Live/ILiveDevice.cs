using PacketDotNet;

namespace NetProg.Capture.Live;

/// <summary>An open capture device. SharpPcap's is <see cref="PcapLiveDevice"/>; the capture loop knows only this.</summary>
public interface ILiveDevice : IDisposable
{
    string Name { get; }

    LinkLayers LinkType { get; }

    /// <summary>The next frame, or null when none came within the device's read timeout (so the caller can check for a stop).</summary>
    CapturedFrame? Next();

    /// <summary>Frames the kernel dropped because this process read too slowly (libpcap's ps_drop), when known.</summary>
    long? KernelDropped { get; }
}
