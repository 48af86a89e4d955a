using System.Threading.Channels;

namespace NetProg.Capture.Live;

/// <summary>
/// Reads a device on a thread of its own into a bounded queue, so a slow console never stalls libpcap: when the queue is
/// full the frame is dropped and counted (<see cref="Dropped"/>), and the end of the capture says how many. Stopping
/// (<see cref="Stop"/>, or the device failing) completes <see cref="Frames"/> after the frames already queued.
/// </summary>
public sealed class LiveCapture : IDisposable
{
    /// <summary>Frames held between the capture thread and the renderer. At 10 000 a few seconds of a busy link fit.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ILiveDevice _device;
    private readonly Channel<CapturedFrame> _queue;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _dropped;

    public LiveCapture(ILiveDevice device, int capacity = DefaultCapacity)
    {
        _device = device;
        _queue = Channel.CreateBounded<CapturedFrame>(new BoundedChannelOptions(capacity)
        {
            // Wait mode makes TryWrite fail when full, so the capture thread can count the drop instead of blocking.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        _thread = new Thread(Run) { IsBackground = true, Name = $"capture {device.Name}" };
    }

    public ChannelReader<CapturedFrame> Frames => _queue.Reader;

    /// <summary>Frames dropped because the queue was full (the renderer fell behind).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Start() => _thread.Start();

    /// <summary>Asks the thread to stop; it does within one read timeout.</summary>
    public void Stop() => _stopping = true;

    /// <summary>
    /// Stops and waits for the thread (at most 5 s), after which the device is no longer read and its statistics can be
    /// asked for: libpcap handles are not safe to use from two threads at once.
    /// </summary>
    public void StopAndWait()
    {
        Stop();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Stops the thread; the device stays open (it is the caller's).</summary>
    public void Dispose() => StopAndWait();

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                var frame = _device.Next();
                if (frame is not null && !_queue.Writer.TryWrite(frame))
                {
                    Interlocked.Increment(ref _dropped);
                }
            }

            _queue.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
        }
    }
}
