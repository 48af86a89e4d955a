namespace NetProg.Cli.Tests;

/// <summary><c>netprog capture --read</c> in-process on the committed fixtures: exactly the lines a user sees.</summary>
public sealed class CaptureCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "CaptureData", name);

    [Fact]
    public async Task Should_show_a_tcpdump_capture_of_a_TCP_time_exchange_line_by_line()
    {
        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-time-v4.pcap"));

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "  0.000000 127.0.0.1:46978 -> 127.0.0.1:35987 TCP [SYN] seq=0 win=65495 len=0  handshake 1/3: SYN (client asks to connect)",
                "  0.000012 127.0.0.1:35987 -> 127.0.0.1:46978 TCP [SYN, ACK] seq=0 ack=1 win=65483 len=0  handshake 2/3: SYN-ACK (server agrees, and sends its own SYN)",
                "  0.000022 127.0.0.1:46978 -> 127.0.0.1:35987 TCP [ACK] seq=1 ack=1 win=65536 len=0  handshake 3/3: ACK — connection established",
                "  0.021880 127.0.0.1:35987 -> 127.0.0.1:46978 TCP [PSH, ACK] seq=1 ack=1 win=65536 len=25 \"Tue Nov 24 23:14:36 2026\\n\"  data",
                "  0.021912 127.0.0.1:46978 -> 127.0.0.1:35987 TCP [ACK] seq=1 ack=26 win=65536 len=0  ACK only",
                "  0.024591 127.0.0.1:35987 -> 127.0.0.1:46978 TCP [FIN, ACK] seq=26 ack=1 win=65536 len=0  FIN from server: it will send no more",
                "  0.033828 127.0.0.1:46978 -> 127.0.0.1:35987 TCP [FIN, ACK] seq=1 ack=27 win=65536 len=0  FIN from client: it will send no more (and acknowledges the server's FIN)",
                "  0.033901 127.0.0.1:35987 -> 127.0.0.1:46978 TCP [ACK] seq=27 ack=2 win=65536 len=0  ACK only: of the last FIN — connection closed",
            ],
            console.OutWriter.Lines);
        Assert.Equal("8 packets shown", console.ErrorWriter.Text.Trim());
    }

    [Fact]
    public async Task Should_show_UDP_datagrams_and_an_ICMPv6_port_unreachable_from_a_tshark_pcapng()
    {
        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("udp-echo-v6.pcapng"), "--count", "2");

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "  0.000000 [::1]:54876 -> [::1]:41599 UDP len=6 \"hello\\n\"  UDP datagram",
                "  0.008428 [::1]:41599 -> [::1]:54876 UDP len=6 \"hello\\n\"  UDP datagram",
            ],
            console.OutWriter.Lines);

        (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("udp-echo-v6.pcapng"), "--port", "51319");
        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "  0.000000 [::1]:55119 -> [::1]:51319 UDP len=6 \"hello\\n\"  UDP datagram",
                "  0.000112 ::1 -> ::1 ICMPv6 type=1 code=4 (about UDP [::1]:55119 -> [::1]:51319)  ICMP port unreachable: nothing listens on that UDP port",
            ],
            console.OutWriter.Lines);
    }

    [Fact]
    public async Task Should_follow_each_TCP_conversation_with_client_and_server_marked()
    {
        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-echo-v6.pcapng"), "--follow");

        Assert.Equal(0, exit);
        var follow = console.OutWriter.Lines.SkipWhile(l => !l.StartsWith("===", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "=== TCP conversation 1: client [::1]:48888 <-> server [::1]:41599 ===",
                "client -> server, 12 bytes:",
                "    hello",
                "    world",
                "server -> client, 12 bytes:",
                "    hello",
                "    world",
                "=== the client sent 12 bytes, the server 12 bytes ===",
            ],
            follow);
    }

    [Fact]
    public async Task Should_follow_as_a_hex_dump_on_request()
    {
        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-time-v4.pcap"), "--follow", "hex");

        Assert.Equal(0, exit);
        Assert.Contains("    00000000  54 75 65 20 4e 6f 76 20  32 34 20 32 33 3a 31 34 |Tue Nov 24 23:14|", console.OutWriter.Lines);
    }

    [Fact]
    public async Task Should_write_a_flow_graph_and_a_pcap_from_a_file()
    {
        var folder = Directory.CreateTempSubdirectory("netprog-capture-");
        try
        {
            var html = Path.Combine(folder.FullName, "flow.html");
            var pcap = Path.Combine(folder.FullName, "copy.pcap");

            var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-refused-v4.pcap"), "--flow", html, "--write", pcap);

            Assert.Equal(0, exit);
            Assert.Contains("RST: refused — nothing listens on this port", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(Fixture("tcp-refused-v4.pcap"))[24..], File.ReadAllBytes(pcap)[24..]);
            Assert.Contains($"2 written to {pcap}; flow graph in {html}", console.ErrorWriter.Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Should_replace_a_symbolic_link_planted_at_the_flow_graph_s_name_and_leave_what_it_points_to_alone()
    {
        var folder = Directory.CreateTempSubdirectory("netprog-capture-");
        try
        {
            // Given a link at the flow graph's name pointing to somebody else's file
            var victim = Path.Combine(folder.FullName, "precious.txt");
            await File.WriteAllTextAsync(victim, "keep me");
            var html = Path.Combine(folder.FullName, "flow.html");
            File.CreateSymbolicLink(html, victim);

            // When
            var (exit, _) = await Cli.RunAsync("capture", "--read", Fixture("tcp-refused-v4.pcap"), "--flow", html);

            // Then the victim is untouched, and the name is a regular, owner-only file of its own with the graph
            Assert.Equal(0, exit);
            Assert.Equal("keep me", await File.ReadAllTextAsync(victim));
            Assert.Null(new FileInfo(html).LinkTarget);
            Assert.Contains("RST: refused", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(html));
            }

            Assert.Equal(2, folder.GetFileSystemInfos().Length);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Should_give_the_pcap_and_the_flow_graph_to_the_user_who_ran_sudo()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Console.WriteLine("skipped: giving a file away (chown) needs root on Linux");
            return;
        }

        var folder = Directory.CreateTempSubdirectory("netprog-capture-");
        var (uid, gid) = (Environment.GetEnvironmentVariable("SUDO_UID"), Environment.GetEnvironmentVariable("SUDO_GID"));
        try
        {
            // Given root run through sudo by user 65534 (nobody)
            Environment.SetEnvironmentVariable("SUDO_UID", "65534");
            Environment.SetEnvironmentVariable("SUDO_GID", "65534");
            var pcap = Path.Combine(folder.FullName, "lab.pcap");
            var html = Path.Combine(folder.FullName, "lab.html");

            // When
            var (exit, _) = await Cli.RunAsync("capture", "--read", Fixture("tcp-refused-v4.pcap"), "--write", pcap, "--flow", html);

            // Then both files are that user's, owner-only, as tcpdump -Z gives its file away
            Assert.Equal(0, exit);
            Assert.Equal("65534:65534 600", await ProcessRunner.OwnerAndModeAsync(pcap));
            Assert.Equal("65534:65534 600", await ProcessRunner.OwnerAndModeAsync(html));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SUDO_UID", uid);
            Environment.SetEnvironmentVariable("SUDO_GID", gid);
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Should_apply_a_BPF_filter_to_a_file_with_libpcap()
    {
        if (!Libpcap.Present)
        {
            Console.WriteLine("skipped: libpcap (libpcap0.8) is not installed");
            return;
        }

        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-time-v4.pcap"), "--filter", "tcp[tcpflags] & tcp-fin != 0");

        Assert.Equal(0, exit);
        Assert.Equal(2, console.OutWriter.Lines.Count);
        Assert.All(console.OutWriter.Lines, l => Assert.Contains("FIN", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_quote_libpcaps_message_for_a_bad_filter()
    {
        if (!Libpcap.Present)
        {
            Console.WriteLine("skipped: libpcap (libpcap0.8) is not installed");
            return;
        }

        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-time-v4.pcap"), "--filter", "tcp portt 80");

        Assert.Equal(1, exit);
        Assert.Empty(console.OutWriter.Lines);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.StartsWith("netprog: invalid filter 'tcp portt 80': ", line, StringComparison.Ordinal);
        Assert.Contains("syntax error", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_in_one_line_that_a_file_is_not_a_capture()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "not a capture");

            var (exit, console) = await Cli.RunAsync("capture", "--read", file);

            Assert.Equal(1, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.StartsWith("netprog: '", line, StringComparison.Ordinal);
            Assert.Contains("is not a capture file", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("hard link")]
    [InlineData("symbolic link")]
    public async Task Should_refuse_to_write_over_the_file_it_reads_under_another_name(string how)
    {
        // Given the capture being read, and another name for that very file
        var folder = Directory.CreateTempSubdirectory("netprog-capture-same-").FullName;
        try
        {
            var file = Path.Combine(folder, "lab.pcap");
            File.Copy(Fixture("tcp-refused-v4.pcap"), file);
            var other = Path.Combine(folder, "other.pcap");
            switch (how)
            {
                case "hard link":
                    if (OperatingSystem.IsWindows() || !await ProcessRunner.SucceedsAsync("ln", file, other))
                    {
                        return; // no ln here
                    }

                    break;
                default:
                    File.CreateSymbolicLink(other, file);
                    break;
            }

            // When it is read and written under the two names
            var (exit, console) = await Cli.RunAsync("capture", "--read", file, "--write", other);

            // Then the write is refused before anything is touched
            Assert.Equal(2, exit);
            Assert.Contains("is the file --read reads", Assert.Single(console.ErrorWriter.Lines), StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(Fixture("tcp-refused-v4.pcap")), File.ReadAllBytes(file));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Should_refuse_to_write_over_the_file_it_reads()
    {
        var file = Path.Combine(Path.GetTempPath(), $"netprog-{Guid.NewGuid():N}.pcap");
        File.Copy(Fixture("tcp-refused-v4.pcap"), file);
        try
        {
            var (exit, console) = await Cli.RunAsync("capture", "--read", file, "--write", file);

            Assert.Equal(2, exit);
            Assert.Contains("is the file --read reads", Assert.Single(console.ErrorWriter.Lines), StringComparison.Ordinal);
            Assert.Equal(File.ReadAllBytes(Fixture("tcp-refused-v4.pcap")), File.ReadAllBytes(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--count", "0")]
    [InlineData("--duration", "soon")]
    [InlineData("--follow", "binary")]
    public async Task Should_reject_a_wrong_option_with_exit_code_2(string option, string value)
    {
        var (exit, console) = await Cli.RunAsync("capture", "--read", Fixture("tcp-time-v4.pcap"), option, value);

        Assert.Equal(2, exit);
        Assert.Single(console.ErrorWriter.Lines);
        Assert.Empty(console.OutWriter.Lines);
    }
}
