using NetProg.Capture.Pcap;
using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Capture;

/// <summary>
/// <c>netprog capture</c> on loopback while our own time and echo clients and servers talk over TCP and UDP, IPv4 and
/// IPv6 (docs/CAPTURE.md). Root only (CI runs as root); elsewhere each test says why it did not run.
/// </summary>
public sealed class LiveCaptureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_annotate_TCP_and_UDP_over_IPv4_and_IPv6_and_write_a_pcap_tshark_and_chromium_agree_with()
    {
        if (Skip())
        {
            return;
        }

        // Given a time server and an echo server (TCP and UDP, IPv4 and IPv6) and a port where nothing listens
        using var folder = new TempFolder();
        var input = folder.WriteText("lines.txt", "hello\nworld\n");
        using var time = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--both");
        using var echo = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--both");
        var timePort = time.Sockets[0].Port.ToString(CultureInfo.InvariantCulture);
        var echoPort = echo.Sockets[0].Port.ToString(CultureInfo.InvariantCulture);
        var closed = FreePort.Udp().ToString(CultureInfo.InvariantCulture);
        var pcap = Path.Combine(folder.Path, "lab.pcap");
        var html = Path.Combine(folder.Path, "lab.html");

        // When a capture runs on lo while the clients run (the refused and unreachable ones last)
        using var capture = await CaptureLab.StartCaptureAsync(
            "--interface", "lo", "--filter", $"port {timePort} or port {echoPort} or port {closed} or icmp or icmp6",
            "--write", pcap, "--flow", html, "--follow");
        await RunAsync(["time-client", "127.0.0.1", timePort], 0);
        await RunAsync(["echo-client", "::1", echoPort], 0, input);
        await RunAsync(["time-client", "::1", timePort, "--udp"], 0);
        await RunAsync(["echo-client", "127.0.0.1", echoPort, "--udp"], 0, input);
        await RunAsync(["time-client", "127.0.0.1", closed], 1);
        await RunAsync(["time-client", "::1", closed, "--udp"], 1);
        await capture.WaitForStdoutLineAsync(new Regex("ICMP port unreachable"), Waits.Line);
        await capture.SendSignalAsync(UnixSignal.Int);
        Assert.Equal(0, await capture.WaitForExitAsync(Waits.Exit));
        output.WriteLine(capture.Describe());
        var lines = CaptureLab.PacketLines(capture);

        // Then the TCP time exchange over IPv4 shows the handshake, the time, and both FINs
        var v4 = $@"127\.0\.0\.1:\d+ -> 127\.0\.0\.1:{timePort} TCP";
        var v4Back = $@"127\.0\.0\.1:{timePort} -> 127\.0\.0\.1:\d+ TCP";
        AssertLine(lines, $@"{v4} \[SYN\] seq=0 .*  handshake 1/3: SYN \(client asks to connect\)$");
        AssertLine(lines, $@"{v4Back} \[SYN, ACK\] seq=0 ack=1 .*  handshake 2/3: SYN-ACK");
        AssertLine(lines, $@"{v4} \[ACK\] seq=1 ack=1 .*  handshake 3/3: ACK — connection established$");
        AssertLine(lines, $@"{v4Back} \[PSH, ACK\] seq=1 ack=1 win=\d+ len=25 "".+\\n""  data$");
        AssertLine(lines, $@"{v4Back} \[FIN, ACK\] seq=26 .*  FIN from server: it will send no more$");
        AssertLine(lines, $@"{v4} \[FIN, ACK\] .*  FIN from client: it will send no more");

        // the TCP echo over IPv6: data both ways, the client's half-close first, then the server's FIN
        var v6 = $@"\[::1\]:\d+ -> \[::1\]:{echoPort} TCP";
        var v6Back = $@"\[::1\]:{echoPort} -> \[::1\]:\d+ TCP";
        AssertLine(lines, $@"{v6} \[SYN\] seq=0 .*  handshake 1/3: SYN \(client asks to connect\)$");
        AssertLine(lines, $@"{v6} \[PSH, ACK\] seq=1 ack=1 win=\d+ len=12 ""hello\\nworld\\n""  data$");
        // (the echo may come back before or after the client's FIN, which the server acknowledges with it: ack 13 or 14)
        AssertLine(lines, $@"{v6Back} \[PSH, ACK\] seq=1 ack=1[34] win=\d+ len=12 ""hello\\nworld\\n""  data$");
        AssertLine(lines, $@"{v6} \[FIN, ACK\] seq=13 .*  FIN from client: it will send no more$");
        AssertLine(lines, $@"{v6Back} \[FIN, ACK\] seq=13 ack=14 .*  FIN from server: it will send no more");
        AssertLine(lines, $@"{v6} \[ACK\] seq=14 ack=14 .*  ACK only: of the last FIN — connection closed$");

        // the UDP exchanges, and the two failures explained
        AssertLine(lines, $@"\[::1\]:\d+ -> \[::1\]:{timePort} UDP len=0  UDP datagram$");
        AssertLine(lines, $@"\[::1\]:{timePort} -> \[::1\]:\d+ UDP len=25 "".+""  UDP datagram$");
        AssertLine(lines, $@"127\.0\.0\.1:\d+ -> 127\.0\.0\.1:{echoPort} UDP len=6 ""hello\\n""  UDP datagram$");
        AssertLine(lines, $@"127\.0\.0\.1:{closed} -> 127\.0\.0\.1:\d+ TCP \[RST, ACK\] .*  RST: refused — nothing listens on this port$");
        AssertLine(lines, $@"::1 -> ::1 ICMPv6 type=1 code=4 \(about UDP \[::1\]:\d+ -> \[::1\]:{closed}\)  ICMP port unreachable: nothing listens on that UDP port$");

        // the echo conversation followed, sides marked
        Assert.Contains($"=== TCP conversation", capture.StdoutText, StringComparison.Ordinal);
        Assert.Contains("client -> server, 12 bytes:\n    hello\n    world\nserver -> client, 12 bytes:\n    hello\n    world\n", capture.StdoutText, StringComparison.Ordinal);
        Assert.Contains($"{lines.Count} packets shown, {lines.Count} written to {pcap}", capture.StderrText, StringComparison.Ordinal);

        // And tshark reads the pcap we wrote: the same number of packets, the same TCP flags on each
        var (tsharkExit, tshark) = await ProcessRunner.RunAsync("tshark", ["-r", pcap, "-T", "fields", "-e", "frame.number", "-e", "tcp.flags"], Waits.Exit);
        Assert.True(tsharkExit == 0, tshark);
        var theirs = tshark.Split('\n')
            .Select(l => l.Trim('\r').Split('\t'))
            .Where(f => f.Length == 2 && int.TryParse(f[0], CultureInfo.InvariantCulture, out _))
            .Select(f => f[1].Length == 0 ? (int?)null : Convert.ToInt32(f[1], 16) & 0xFF).ToList();
        Assert.Equal(lines.Select(CaptureLab.Flags), theirs);

        // And the flow graph has an arrow per packet, and Chromium renders it to a picture that is not blank
        var page = await File.ReadAllTextAsync(html);
        Assert.Equal(lines.Count, Regex.Count(page, "<g class=\"packet\""));
        Assert.Contains("RST: refused — nothing listens on this port", page, StringComparison.Ordinal);
        var png = Path.Combine(folder.Path, "lab.png");
        var profile = Directory.CreateDirectory(Path.Combine(folder.Path, "chromium")).FullName;
        var (chromeExit, chrome) = await ProcessRunner.RunAsync(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                "--window-size=1200,900", $"--screenshot={png}", new Uri(html).AbsoluteUri,
            ],
            TimeSpan.FromSeconds(90));
        Assert.True(chromeExit == 0 && File.Exists(png), chrome);
        Assert.True(CaptureLab.HasManyColours(png), "the screenshot of the flow graph is blank");
    }

    [Fact]
    public async Task Should_have_every_packet_shown_in_the_pcap_while_it_captures_and_after_it_is_killed()
    {
        if (Skip())
        {
            return;
        }

        // Given a time server, and a capture of its port writing a pcap
        using var folder = new TempFolder();
        using var time = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1");
        var port = time.Sockets[0].Port.ToString(CultureInfo.InvariantCulture);
        var pcap = Path.Combine(folder.Path, "live.pcap");
        using var capture = await CaptureLab.StartCaptureAsync("--interface", "lo", "--port", port, "--write", pcap);

        // When a client gets the time, and the capture has shown the exchange's last packet
        await RunAsync(["time-client", "127.0.0.1", port], 0);
        await capture.WaitForStdoutLineAsync(new Regex("connection closed$"), Waits.Line);
        var shown = CaptureLab.PacketLines(capture).Count;

        // Then, while the capture still runs, the file holds every packet shown, for netprog's reader and for tshark
        Assert.False(capture.HasExited, capture.Describe());
        Assert.Equal(shown, Nonzero(PcapFileReader.Read(pcap).Count()));
        if (ExecutableSearch.Find("tshark") is null)
        {
            output.WriteLine("tshark is not installed: the file was read by netprog's reader only");
        }
        else
        {
            var (tsharkExit, tshark) = await ProcessRunner.RunAsync("tshark", ["-r", pcap, "-T", "fields", "-e", "frame.number"], Waits.Exit);
            Assert.True(tsharkExit == 0, tshark);
            Assert.Equal(shown, tshark.Split('\n').Count(l => int.TryParse(l.Trim(), CultureInfo.InvariantCulture, out _)));
        }

        // And after SIGKILL (no chance to flush or close) every one of them is still there, in a file only its owner reads
        await capture.SendSignalAsync(UnixSignal.Kill);
        await capture.WaitForExitAsync(Waits.Exit);
        Assert.Equal(shown, PcapFileReader.Read(pcap).Count());
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pcap));
        }
    }

    [Fact]
    public async Task Should_stop_by_itself_after_count_packets_and_after_duration()
    {
        if (Skip())
        {
            return;
        }

        // Given a time server
        using var time = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1");
        var port = time.Sockets[0].Port.ToString(CultureInfo.InvariantCulture);

        // When a capture of 3 packets runs while a client connects
        using var counted = await CaptureLab.StartCaptureAsync("--port", port, "--count", "3");
        await RunAsync(["time-client", "127.0.0.1", port], 0);

        // Then it stops after the handshake, on its own, with exit code 0; and chose loopback by itself
        Assert.Equal(0, await counted.WaitForExitAsync(Waits.Exit));
        Assert.Equal(3, CaptureLab.PacketLines(counted).Count);
        Assert.Contains("handshake 3/3", CaptureLab.PacketLines(counted)[2], StringComparison.Ordinal);
        Assert.StartsWith("capturing on lo ", counted.StderrLines[0], StringComparison.Ordinal);

        // And a capture with --duration and no traffic ends by itself too
        using var timed = await CaptureLab.StartCaptureAsync("--port", port, "--duration", "500ms");
        Assert.Equal(0, await timed.WaitForExitAsync(Waits.Exit));
        Assert.Contains("0 packets shown", timed.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_keep_the_ICMP_port_unreachable_in_a_port_capture_over_IPv4_and_IPv6()
    {
        if (Skip())
        {
            return;
        }

        // Given a capture of a port where nothing listens (--port's BPF reads the port inside the ICMP error)
        var closed = FreePort.Udp().ToString(CultureInfo.InvariantCulture);
        using var capture = await CaptureLab.StartCaptureAsync("--port", closed, "--count", "4");

        // When UDP time clients send there over IPv4 and IPv6
        await RunAsync(["time-client", "127.0.0.1", closed, "--udp"], 1);
        await RunAsync(["time-client", "::1", closed, "--udp"], 1);

        // Then each datagram is followed by the error about it
        Assert.Equal(0, await capture.WaitForExitAsync(Waits.Exit));
        var lines = CaptureLab.PacketLines(capture);
        Assert.Equal(4, lines.Count);
        AssertLine(lines, $@"127\.0\.0\.1 -> 127\.0\.0\.1 ICMP type=3 code=3 \(about UDP 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:{closed}\)  ICMP port unreachable: nothing listens on that UDP port$");
        AssertLine(lines, $@"::1 -> ::1 ICMPv6 type=1 code=4 \(about UDP \[::1\]:\d+ -> \[::1\]:{closed}\)  ICMP port unreachable");
    }

    [Fact]
    public async Task Should_explain_an_unknown_interface_and_a_capture_without_privileges()
    {
        if (Skip())
        {
            return;
        }

        // When the interface does not exist
        using var unknown = NetProgApp.Start("capture", "--interface", "nosuch0");
        Assert.Equal(1, await unknown.WaitForExitAsync(Waits.Exit));

        // Then one line names the real ones
        var line = Assert.Single(unknown.StderrLines);
        Assert.Matches(@"^netprog: no capture interface named 'nosuch0'\. This machine has: .*\blo\b", line);

        // When an unprivileged user captures (runuser drops root)
        using var nobody = ChildProcess.Start(
            "runuser",
            ["-u", "nobody", "--", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1", "dotnet", NetProgApp.DllPath, "capture", "--interface", "lo"]);
        var exit = await nobody.WaitForExitAsync(Waits.Exit);
        output.WriteLine(nobody.Describe());

        // Then it is told how to get the right, not shown a stack trace
        Assert.Equal(1, exit);
        var denied = Assert.Single(nobody.StderrLines);
        Assert.StartsWith("netprog: not permitted to capture on 'lo': capturing packets needs administrator rights.", denied, StringComparison.Ordinal);
        // (the capabilities on netprog's own single file, never on the shared dotnet: every .NET program would get them)
        Assert.Contains("setcap cap_net_raw,cap_net_admin+eip /usr/local/bin/netprog", denied, StringComparison.Ordinal);
        Assert.DoesNotContain("which dotnet", denied, StringComparison.Ordinal);
    }

    private static void AssertLine(List<string> lines, string pattern) =>
        Assert.True(lines.Any(l => Regex.IsMatch(l, pattern)), $"no packet line matches /{pattern}/ in:\n{string.Join('\n', lines)}");

    private static async Task RunAsync(IEnumerable<string> arguments, int expectedExit, string? stdinFile = null)
    {
        using var client = NetProgApp.Start(arguments, stdinFile);
        var exit = await client.WaitForExitAsync(Waits.Exit);
        Assert.True(exit == expectedExit, client.Describe());
    }

    private static int Nonzero(int count)
    {
        Assert.True(count > 0, "the capture saw no packet");
        return count;
    }

    private bool Skip()
    {
        if (CaptureLab.WhyNot() is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return true;
        }

        return false;
    }
}
