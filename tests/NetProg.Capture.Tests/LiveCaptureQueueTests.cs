using NetProg.Capture.Live;
using PacketDotNet;

namespace NetProg.Capture.Tests;

/// <summary>The queue between the capture thread and the display: bounded, and a full queue drops and counts (docs/CAPTURE.md).</summary>
public sealed class LiveCaptureQueueTests
{
    [Fact]
    public async Task Should_drop_and_count_frames_when_the_reader_falls_behind()
    {
        // Given a device that delivers the 8 frames of a real capture as fast as it can, and a queue of 3 nobody reads yet
        using var device = new FileDevice(TestData.Frames("tcp-time-v4.pcap"));
        using var capture = new LiveCapture(device, capacity: 3);

        // When the capture runs until the device has given everything
        capture.Start();
        Assert.True(await Task.Run(() => device.Exhausted.Wait(TimeSpan.FromSeconds(10))), "the capture thread did not read the device");
        capture.StopAndWait();

        // Then the first 3 are queued in order, the other 5 counted as dropped, and the queue ends
        var queued = new List<CapturedFrame>();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var frame in capture.Frames.ReadAllAsync().WithCancellation(bound.Token))
        {
            queued.Add(frame);
        }

        Assert.Equal(TestData.Frames("tcp-time-v4.pcap").Take(3).Select(f => f.Data), queued.Select(f => f.Data));
        Assert.Equal(5, capture.Dropped);
    }

    [Fact]
    public async Task Should_end_the_queue_with_the_device_error()
    {
        using var device = new FileDevice([], fail: true);
        using var capture = new LiveCapture(device);

        capture.Start();

        var error = await Assert.ThrowsAsync<CaptureException>(async () =>
        {
            await foreach (var _ in capture.Frames.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
            {
            }
        });
        Assert.Equal(CaptureErrorKind.DeviceFailed, error.Kind);
    }

    /// <summary>A device that plays frames read from a capture file, then reports read timeouts (or fails, when asked).</summary>
    private sealed class FileDevice(List<CapturedFrame> frames, bool fail = false) : ILiveDevice
    {
        private int _next;

        public ManualResetEventSlim Exhausted { get; } = new();

        public string Name => "file";

        public LinkLayers LinkType => LinkLayers.Ethernet;

        public long? KernelDropped => 0;

        public CapturedFrame? Next()
        {
            if (fail)
            {
                throw new CaptureException(CaptureErrorKind.DeviceFailed, "the device went away");
            }

            if (_next < frames.Count)
            {
                return frames[_next++];
            }

            Exhausted.Set();
            Thread.Sleep(10); // a read timeout, as libpcap's
            return null;
        }

        public void Dispose() => Exhausted.Dispose();
    }
}
