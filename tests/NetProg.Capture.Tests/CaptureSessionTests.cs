using System.Diagnostics.CodeAnalysis;
using NetProg.Capture.Flows;
using NetProg.Capture.Live;
using NetProg.Capture.Pcap;
using NetProg.Capture.Session;
using NetProg.Capture.Text;
using PacketDotNet;

namespace NetProg.Capture.Tests;

/// <summary>
/// A capture session from start to summary where the device is not the point: capture files read as <c>--read</c> reads
/// them, and the same files replayed through libpcap as a device, so the live loop (its thread, its bounded queue, the BPF
/// filter, count, duration, Ctrl+C and the pcap written) runs without privileges.
/// </summary>
public sealed class CaptureSessionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("netprog-capture-session-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Should_hand_over_every_packet_of_a_file_in_order_and_sum_up_as_facts()
    {
        // Given
        using var session = CaptureSession.OpenFile(TestData.PathOf("tcp-time-v4.pcap"), new CaptureSessionOptions());
        var shown = new List<PacketEvent>();

        // When
        var summary = await session.RunAsync(shown.Add, CancellationToken.None);

        // Then the packets are the file's, and the summary holds numbers, no sentences
        Assert.Equal(TestData.Events("tcp-time-v4.pcap").Select(PacketText.Line), shown.Select(PacketText.Line));
        Assert.Equal(new CaptureSource(TestData.PathOf("tcp-time-v4.pcap"), IsFile: true, IsLoopback: false, Bpf: null), session.Source);
        Assert.Equal((8, 0L, (string?)null, 0L, (long?)null), (summary.Shown, summary.Written, summary.WritePath, summary.Dropped, summary.KernelDropped));
        Assert.Null(summary.Streams);
        Assert.Null(summary.GraphEvents);
    }

    [Fact]
    public async Task Should_stop_at_the_count_and_write_only_the_port_s_frames_owner_only()
    {
        // Given the UDP time exchange and a datagram to 51319 answered by ICMP port unreachable, and --port 51319 --count 2
        var pcap = Path.Combine(_folder, "port.pcap");
        var options = new CaptureSessionOptions(Port: 51319, Count: 2, Write: pcap);
        using var session = CaptureSession.OpenFile(TestData.PathOf("udp-time-v4.pcap"), options);
        var shown = new List<PacketEvent>();

        // When
        var summary = await session.RunAsync(shown.Add, CancellationToken.None);
        session.Dispose();

        // Then the datagram and the ICMP error that quotes its port, written to a file only its owner reads
        Assert.Equal([PacketKind.UdpDatagram, PacketKind.PortUnreachable], shown.Select(e => e.Kind));
        Assert.Equal((2, 2L, pcap), (summary.Shown, summary.Written, summary.WritePath));
        Assert.Equal(2, PcapFileReader.Read(pcap).Count());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pcap));
        }
    }

    [Fact]
    public async Task Should_replace_a_symbolic_link_planted_at_the_pcap_s_name_and_leave_what_it_points_to_alone()
    {
        // Given a link at the capture's name pointing to a file of somebody else's (a root capture into /tmp, say)
        var victim = Path.Combine(_folder, "precious.txt");
        File.WriteAllText(victim, "keep me");
        var link = Path.Combine(_folder, "lab.pcap");
        File.CreateSymbolicLink(link, victim);
        using var session = CaptureSession.OpenFile(TestData.PathOf("tcp-time-v4.pcap"), new CaptureSessionOptions(Write: link));

        // When
        var summary = await session.RunAsync(_ => { }, CancellationToken.None);

        // Then the victim is untouched, and the name is now a regular file of its own holding the capture, owner-only
        Assert.Equal(8L, summary.Written);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal(TestData.Frames("tcp-time-v4.pcap").Select(f => f.Data), PcapFileReader.Read(link).Select(f => f.Data));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(link));
        }
    }

    [Fact]
    public async Task Should_leave_only_the_pcap_in_its_folder_once_written()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        var pcap = Path.Combine(folder, "lab.pcap");
        using (var session = CaptureSession.OpenFile(TestData.PathOf("tcp-time-v4.pcap"), new CaptureSessionOptions(Write: pcap)))
        {
            await session.RunAsync(_ => { }, CancellationToken.None);
        }

        Assert.Equal([pcap], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task Should_keep_every_packet_shown_in_the_pcap_when_the_capture_fails()
    {
        // Given a capture file whose ninth record is broken (it claims 4 GiB), and an older pcap at the name written to
        var good = File.ReadAllBytes(TestData.PathOf("tcp-time-v4.pcap"));
        var broken = Path.Combine(_folder, "broken.pcap");
        File.WriteAllBytes(broken, [.. good, .. new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff, 0xf0, 0xff, 0xff, 0xff }]);
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        var pcap = Path.Combine(folder, "lab.pcap");
        File.WriteAllText(pcap, "yesterday's capture");
        using var session = CaptureSession.OpenFile(broken, new CaptureSessionOptions(Write: pcap));

        // When the read fails after 8 frames were shown
        var shown = 0;
        var error = await Assert.ThrowsAsync<CaptureException>(() => session.RunAsync(_ => shown++, CancellationToken.None));
        session.Dispose();

        // Then the pcap (written where it is named, so that it can be read while it grows) holds the 8 frames shown, as a
        // killed capture does, and nothing else is left in the folder
        Assert.Equal((CaptureErrorKind.BadFile, 8), (error.Kind, shown));
        Assert.Equal(TestData.Frames("tcp-time-v4.pcap").Select(f => f.Data), PcapFileReader.Read(pcap).Select(f => f.Data));
        Assert.Equal([pcap], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task Should_give_the_pcap_to_the_owner_asked_for()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Console.WriteLine("skipped: giving a file away (chown) needs root on Linux");
            return;
        }

        // Given the owner sudo names (65534: nobody, nogroup)
        var pcap = Path.Combine(_folder, "lab.pcap");
        using var session = CaptureSession.OpenFile(TestData.PathOf("tcp-time-v4.pcap"), new CaptureSessionOptions(Write: pcap, Owner: new FileOwner(65534, 65534)));

        // When
        await session.RunAsync(_ => { }, CancellationToken.None);

        // Then the file is theirs, still owner-only
        Assert.Equal("65534:65534 600", await ProcessRunner.OwnerAndModeAsync(pcap));
    }

    [Fact]
    public async Task Should_create_no_pcap_for_a_file_without_frames_and_say_0_written()
    {
        // Given a capture file with its header only: its link type is known, but no frame says which one to write
        var empty = Path.Combine(_folder, "empty.pcap");
        PcapFileWriter.Create(File.Create(empty), LinkLayers.Ethernet).Dispose();
        var pcap = Path.Combine(_folder, "out.pcap");
        using var session = CaptureSession.OpenFile(empty, new CaptureSessionOptions(Write: pcap, Follow: true, FlowGraph: true));

        // When
        var summary = await session.RunAsync(_ => Assert.Fail("a packet from an empty file"), CancellationToken.None);

        // Then
        Assert.Equal((0, 0L, pcap), (summary.Shown, summary.Written, summary.WritePath));
        Assert.False(File.Exists(pcap));
        Assert.Empty(summary.Streams!);
        Assert.Empty(summary.GraphEvents!);
    }

    [Fact]
    public async Task Should_stop_reading_a_file_when_cancelled_and_still_sum_up()
    {
        using var session = CaptureSession.OpenFile(TestData.PathOf("tcp-time-v4.pcap"), new CaptureSessionOptions());
        using var stop = new CancellationTokenSource();

        var summary = await session.RunAsync(_ => stop.Cancel(), stop.Token);

        Assert.Equal(1, summary.Shown);
    }

    [Fact]
    public async Task Should_follow_the_conversation_and_keep_the_flow_graph_s_events()
    {
        using var session = CaptureSession.OpenFile(TestData.PathOf("tcp-echo-v6.pcapng"), new CaptureSessionOptions(Follow: true, FlowGraph: true));

        var summary = await session.RunAsync(_ => { }, CancellationToken.None);

        var stream = Assert.Single(summary.Streams!);
        Assert.Equal((12L, 12L), (stream.ClientBytes, stream.ServerBytes));
        Assert.Equal(summary.Shown, summary.GraphEvents!.Count);
    }

    [Fact]
    public async Task Should_run_a_replayed_capture_through_the_live_loop_as_the_file_reads_it()
    {
        if (!Libpcap.Present)
        {
            Console.WriteLine("skipped: libpcap (libpcap0.8) is not installed");
            return;
        }

        // Given the same file read as --read reads it, and replayed as an interface, with --port in BPF for libpcap
        foreach (var (file, port) in new[] { ("udp-time-v4.pcap", 51319), ("udp-echo-v6.pcapng", 51319), ("tcp-time-v4.pcap", 35987) })
        {
            var options = new CaptureSessionOptions(Port: port, Count: 20);
            var expected = new List<string>();
            using (var reading = CaptureSession.OpenFile(TestData.PathOf(file), options))
            {
                await reading.RunAsync(e => expected.Add(PacketText.Line(e)), CancellationToken.None);
            }

            // When the live loop captures until the count or a bound (the replay then reads as an interface gone quiet)
            var shown = new List<string>();
            using var live = Replay(file, CaptureSession.LiveFilter(options), options with { Count = expected.Count }, isLoopback: true);
            using var bound = new CancellationTokenSource(Bound);
            var summary = await live.RunAsync(e => shown.Add(PacketText.Line(e)), bound.Token);

            // Then libpcap's filter kept exactly what the decoded-packet filter keeps, the ICMP errors included
            Assert.False(bound.IsCancellationRequested, $"{file}: the count did not end the capture");
            Assert.NotEmpty(expected);
            Assert.Equal(expected, shown);
            Assert.Equal((expected.Count, 0L, (long?)null), (summary.Shown, summary.Dropped, summary.KernelDropped));
            Assert.Equal(CaptureSession.LiveFilter(options), live.Source.Bpf);
        }
    }

    [Fact]
    public async Task Should_end_at_the_duration_with_every_frame_shown_and_in_the_pcap_before_it_closes()
    {
        if (!Libpcap.Present)
        {
            Console.WriteLine("skipped: libpcap (libpcap0.8) is not installed");
            return;
        }

        // Given a replay of 8 frames, a pcap being written and --duration 0.5s
        var pcap = Path.Combine(_folder, "live.pcap");
        var options = new CaptureSessionOptions(Duration: TimeSpan.FromMilliseconds(500), Write: pcap);
        using var session = Replay("tcp-time-v4.pcap", null, options, isLoopback: false);
        var shown = 0;

        // When
        var started = DateTime.UtcNow;
        using var bound = new CancellationTokenSource(Bound);
        var summary = await session.RunAsync(_ => shown++, bound.Token);

        // Then it ended by itself after the duration, with all 8 shown, and the file held them while still open (a Wireshark
        // watching it sees every packet shown so far)
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(450), Bound);
        Assert.Equal((8, 8, 8L), (shown, summary.Shown, summary.Written));
        Assert.Equal(TestData.Frames("tcp-time-v4.pcap").Select(f => f.Data), PcapFileReader.Read(pcap).Select(f => f.Data));
    }

    [Fact]
    public async Task Should_end_normally_on_ctrl_c_with_what_was_captured_before_it()
    {
        if (!Libpcap.Present)
        {
            Console.WriteLine("skipped: libpcap (libpcap0.8) is not installed");
            return;
        }

        // Given a live capture with no count and no duration: only Ctrl+C ends it
        using var session = Replay("tcp-echo-v6.pcapng", null, new CaptureSessionOptions(Follow: true), isLoopback: true);
        using var ctrlC = new CancellationTokenSource();
        using var bound = new CancellationTokenSource(Bound);
        using var registration = bound.Token.Register(ctrlC.Cancel);
        var shown = 0;

        // When Ctrl+C comes once every packet of the file was shown
        var expected = TestData.Events("tcp-echo-v6.pcapng").Count;
        var summary = await session.RunAsync(
            _ =>
            {
                if (++shown == expected)
                {
                    ctrlC.Cancel();
                }
            },
            ctrlC.Token);

        // Then no exception: a summary of all of them, the conversation followed
        Assert.False(bound.IsCancellationRequested, "Ctrl+C did not end the capture");
        Assert.Equal(expected, summary.Shown);
        Assert.Equal((12L, 12L), (Assert.Single(summary.Streams!).ClientBytes, summary.Streams![0].ServerBytes));
    }

    [Fact]
    public void Should_put_the_port_and_the_filter_together_for_libpcap()
    {
        Assert.Null(CaptureSession.LiveFilter(new CaptureSessionOptions()));
        Assert.Equal("udp", CaptureSession.LiveFilter(new CaptureSessionOptions(Filter: "udp")));
        Assert.Equal(PortFilter.Bpf(30000), CaptureSession.LiveFilter(new CaptureSessionOptions(Port: 30000)));
        Assert.Equal($"({PortFilter.Bpf(30000)}) and (udp)", CaptureSession.LiveFilter(new CaptureSessionOptions(Port: 30000, Filter: "udp")));
    }

    /// <summary>A live session over a capture file replayed through libpcap as an interface, with <paramref name="filter"/> applied.</summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "OverDevice owns the device: the session disposes it, and OverDevice does when it throws.")]
    private static CaptureSession Replay(string file, string? filter, CaptureSessionOptions options, bool isLoopback) =>
        CaptureSession.OverDevice(PcapDevices.OpenFile(TestData.PathOf(file), filter), options, isLoopback);
}
