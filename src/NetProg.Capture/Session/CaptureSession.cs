using NetProg.Capture.Flows;
using NetProg.Capture.Follow;
using NetProg.Capture.Live;
using NetProg.Capture.Pcap;
using SharpPcap.LibPcap;

namespace NetProg.Capture.Session;

/// <summary>
/// One capture, live or from a file: opens the interface (or the file), applies the port and BPF filters, runs until
/// <see cref="CaptureSessionOptions.Count"/> packets, <see cref="CaptureSessionOptions.Duration"/> or cancellation (Ctrl+C),
/// writes the pcap, and ends with a <see cref="CaptureSummary"/>. Each packet goes to the caller as a
/// <see cref="PacketEvent"/>; the caller renders, the session says nothing itself.
/// </summary>
/// <remarks>
/// A live capture reads the device on a thread of its own into <see cref="LiveCapture"/>'s bounded queue (a slow console
/// drops and counts frames instead of stalling libpcap); a file is read at the caller's pace and drops nothing.
/// </remarks>
public sealed class CaptureSession : IDisposable
{
    private readonly CaptureSessionOptions _options;
    private readonly string? _file;
    private readonly ILiveDevice? _device;
    private readonly int _queueCapacity;
    private PcapFileWriter? _writer;
    private BpfProgram? _fileFilter;
    private PacketPipeline? _pipeline;
    private bool _ran;

    private CaptureSession(CaptureSessionOptions options, CaptureSource source, string? file, ILiveDevice? device, int queueCapacity)
    {
        _options = options;
        Source = source;
        _file = file;
        _device = device;
        _queueCapacity = queueCapacity;
    }

    /// <summary>What is read: set when the session opens, so the caller can say "capturing on lo" before the first packet.</summary>
    public CaptureSource Source { get; }

    /// <summary>
    /// A session over the capture file at <paramref name="path"/> (pcap or pcapng, read without libpcap). Nothing is opened
    /// before <see cref="RunAsync"/>: the file's link type, which the filter and the pcap written need, is known from its first frame.
    /// </summary>
    public static CaptureSession OpenFile(string path, CaptureSessionOptions options) =>
        new(options, new CaptureSource(path, IsFile: true, IsLoopback: false, Bpf: null), path, null, 0);

    /// <summary>
    /// Opens an interface: <see cref="CaptureSessionOptions.Interface"/>, else the one carrying the port's traffic
    /// (<see cref="DefaultInterface"/>, from <paramref name="socketsOnPort"/>: this machine's sockets on a port), else loopback;
    /// with <see cref="LiveFilter"/> compiled into the kernel, and the pcap file created.
    /// </summary>
    /// <exception cref="CaptureException">libpcap missing, no permission, no such interface, a bad filter, a file not writable.</exception>
    public static CaptureSession OpenLive(CaptureSessionOptions options, Func<int, IEnumerable<(IPAddress Local, IPAddress? Remote)>>? socketsOnPort = null)
    {
        var interfaces = PcapDevices.List();
        var sockets = options.Port is { } port && socketsOnPort is not null ? socketsOnPort(port) : [];
        var name = options.Interface
            ?? DefaultInterface.Choose(interfaces, sockets)?.Name
            ?? throw new CaptureException(CaptureErrorKind.UnknownInterface, Strings.Error_NoLoopback);
        return OverDevice(PcapDevices.Open(name, LiveFilter(options)), options, interfaces.FirstOrDefault(i => i.Name == name)?.IsLoopback == true);
    }

    /// <summary>
    /// A live session over <paramref name="device"/>, already open with <see cref="LiveFilter"/> of <paramref name="options"/>
    /// applied (the port is not checked again). The session owns the device from now on, and disposes it when this throws.
    /// </summary>
    internal static CaptureSession OverDevice(ILiveDevice device, CaptureSessionOptions options, bool isLoopback, int queueCapacity = LiveCapture.DefaultCapacity)
    {
        var session = new CaptureSession(options, new CaptureSource(device.Name, IsFile: false, isLoopback, LiveFilter(options)), null, device, queueCapacity);
        try
        {
            session._writer = options.Write is { } path ? PcapFileWriter.Create(path, device.LinkType, options.Owner) : null;
        }
        catch
        {
            session.Dispose();
            throw;
        }

        // The port is in the BPF filter already.
        session._pipeline = session.NewPipeline(port: null, frameFilter: null);
        return session;
    }

    /// <summary>The BPF text for libpcap: <see cref="PortFilter.Bpf"/> of the port and the filter, joined by "and"; null for neither.</summary>
    internal static string? LiveFilter(CaptureSessionOptions options) => (options.Port, options.Filter) switch
    {
        ({ } p, { } f) => $"({PortFilter.Bpf(p)}) and ({f})",
        ({ } p, null) => PortFilter.Bpf(p),
        (null, { } f) => f,
        _ => null,
    };

    /// <summary>
    /// Captures until the count is reached, the duration has passed, the file ends or <paramref name="cancellation"/> fires
    /// (the normal end of a live capture, not an error: what was captured before it is still handed over and written), calling
    /// <paramref name="onPacket"/> for each packet on the caller's context. Runs once.
    /// </summary>
    /// <exception cref="CaptureException">The file is not a capture file, the filter does not compile, the device failed.</exception>
    public async Task<CaptureSummary> RunAsync(Action<PacketEvent> onPacket, CancellationToken cancellation)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a capture session runs once");
        }

        _ran = true;
        var (dropped, kernelDropped) = _device is null
            ? RunFile(onPacket, cancellation)
            : await RunLiveAsync(_device, onPacket, cancellation).ConfigureAwait(false);

        // The capture ended as asked (a count, a duration, Ctrl+C, the end of the file): the pcap takes its name. A capture
        // that threw never gets here, and Dispose removes its temporary file, leaving whatever had the name before.
        _writer?.Commit();
        return Summarise(dropped, kernelDropped);
    }

    /// <summary>Closes the device and the pcap file (removed if <see cref="RunAsync"/> did not complete), and frees the filter compiled for a file.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _device?.Dispose();
        _fileFilter?.Dispose();
    }

    private (long Dropped, long? KernelDropped) RunFile(Action<PacketEvent> onPacket, CancellationToken cancellation)
    {
        foreach (var frame in PcapFileReader.Read(_file!))
        {
            if (_pipeline is null)
            {
                // The filter is compiled for the file's link type, known from its first frame, and so is the pcap written.
                var program = _fileFilter = _options.Filter is { } bpf ? PcapDevices.CompileFilter(bpf, frame.LinkType) : null;
                _writer = _options.Write is { } path ? PcapFileWriter.Create(path, frame.LinkType, _options.Owner) : null;
                _pipeline = NewPipeline(_options.Port, program is null ? null : f => program.Matches(f.Data));
            }

            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            if (!Show(_pipeline.Process(frame), onPacket))
            {
                break;
            }
        }

        // A file without frames: nothing was created (its link type is unknown), and the summary says 0.
        _pipeline ??= NewPipeline(_options.Port, null);
        return (0, null);
    }

    private async Task<(long Dropped, long? KernelDropped)> RunLiveAsync(ILiveDevice device, Action<PacketEvent> onPacket, CancellationToken cancellation)
    {
        var pipeline = _pipeline!;
        using var capture = new LiveCapture(device, _queueCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (_options.Duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        capture.Start();
        try
        {
            await foreach (var frame in capture.Frames.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var packet = pipeline.Process(frame);

                // Each batch goes to the file as soon as the queue is empty, before its last packet is shown: a file being
                // watched (tshark -r, Wireshark) has every packet shown so far, and a killed capture loses none of them.
                if (_writer is not null && !capture.Frames.TryPeek(out _))
                {
                    _writer.Flush();
                }

                if (!Show(packet, onPacket))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or the duration: the normal end of a capture. What was queued before it is still shown (and written).
            capture.StopAndWait();
            while (pipeline.Shown != _options.Count && capture.Frames.TryRead(out var frame))
            {
                Show(pipeline.Process(frame), onPacket);
            }
        }

        // After the thread has stopped: libpcap handles are not safe to use from two threads at once.
        capture.StopAndWait();
        return (capture.Dropped, device.KernelDropped);
    }

    /// <summary>Hands <paramref name="packet"/> over; false when that was the last one <see cref="CaptureSessionOptions.Count"/> allows.</summary>
    private bool Show(PacketEvent? packet, Action<PacketEvent> onPacket)
    {
        if (packet is null)
        {
            return true;
        }

        onPacket(packet);
        return _pipeline!.Shown != _options.Count;
    }

    private PacketPipeline NewPipeline(int? port, Func<CapturedFrame, bool>? frameFilter) =>
        new(new PacketPipelineOptions(port, _options.Follow, _options.FlowGraph))
        {
            Writer = _writer,
            FrameFilter = frameFilter,
        };

    private CaptureSummary Summarise(long dropped, long? kernelDropped)
    {
        var pipeline = _pipeline!;
        IReadOnlyList<FollowedStream>? streams = null;
        var notFollowed = 0;
        var totalReached = false;
        if (pipeline.Follower is { } follower)
        {
            follower.Complete();
            streams = [.. follower.Streams];
            (notFollowed, totalReached) = (follower.NotFollowed, follower.TotalReached);
        }

        return new CaptureSummary(
            pipeline.Shown,
            _writer?.Count ?? 0,
            _options.Write,
            dropped,
            kernelDropped,
            streams,
            _options.FlowGraph ? pipeline.GraphEvents : null,
            notFollowed,
            totalReached);
    }
}
