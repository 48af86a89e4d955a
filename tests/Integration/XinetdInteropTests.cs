namespace NetProg.Integration.Tests;

/// <summary>
/// netprog's clients against a reference implementation of the RFC services: xinetd's internal echo (RFC 862), daytime
/// (RFC 867, text <c>24 NOV 2026 19:52:49 UTC\r\n</c>) and time (RFC 868, four bytes) over TCP and UDP (xinetd's
/// builtins.c; xinetd.conf(5)). The contract: time-client line 1 is the server's text without CR/LF, or the decoded
/// time.
/// </summary>
public sealed class XinetdInteropTests(Xinetd xinetd) : IClassFixture<Xinetd>
{
    [Fact]
    public async Task Should_serve_RFC_867_text_and_RFC_868_bytes_When_asked_by_a_plain_socket()
    {
        // Baseline for the tests below: what xinetd sends, read without netprog.
        xinetd.EnsureRunning();
        byte[] daytime = await Loopback.ReadAllAsync(xinetd.DaytimeTcpPort, Waits.Line);
        string text = Encoding.ASCII.GetString(daytime);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Matches(TimeText.XinetdDaytime(), text.TrimEnd('\r', '\n'));

        byte[] time = await Loopback.ReadAllAsync(xinetd.TimeTcpPort, Waits.Line);
        Assert.Equal(4, time.Length);
    }

    /// <summary>
    /// Line 1 of time-client against xinetd's daytime service (RFC 867) is its text without CR/LF; against its time service
    /// (RFC 868), the four bytes decoded; over TCP and over UDP.
    /// </summary>
    [Theory]
    [InlineData("daytime", false)]
    [InlineData("daytime", true)]
    [InlineData("time", false)]
    [InlineData("time", true)]
    public async Task Should_print_the_RFC_867_text_without_CRLF_or_the_decoded_RFC_868_time_When_time_client_asks_xinetd(string service, bool udp)
    {
        xinetd.EnsureRunning();
        int port = (service, udp) switch
        {
            ("daytime", false) => xinetd.DaytimeTcpPort,
            ("daytime", true) => xinetd.DaytimeUdpPort,
            (_, false) => xinetd.TimeTcpPort,
            (_, true) => xinetd.TimeUdpPort,
        };
        string[] arguments = ["time-client", "127.0.0.1", Text(port)];
        using ChildProcess client = NetProgApp.Start(udp ? [.. arguments, "--udp"] : arguments);

        await OutputAssert.ExitsWithAsync(client, 0);
        if (service == "daytime")
        {
            AssertFirstLineIsXinetdDaytime(client);
        }
        else
        {
            AssertFirstLineIsDecodedNow(client);
        }
    }

    [Fact]
    public async Task Should_make_an_identical_copy_of_a_binary_file_When_echo_client_streams_it_through_xinetd_echo()
    {
        xinetd.EnsureRunning();
        using var folder = new TempFolder();
        string input = folder.WriteRandom("input.bin", 256 * 1024, seed: 862);

        // netprog echo-client 127.0.0.1 PORT < input.bin > copy
        using ChildProcess client = NetProgApp.Start(["echo-client", "127.0.0.1", Text(xinetd.EchoTcpPort)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(client, 0);
        OutputAssert.SameBytes(File.ReadAllBytes(input), client.StdoutBytes, client);
        OutputAssert.NoStackTrace(client);
    }

    [Fact]
    public async Task Should_send_one_datagram_per_line_and_write_the_replies_When_echo_client_uses_udp_against_xinetd_echo()
    {
        xinetd.EnsureRunning();
        using var folder = new TempFolder();
        string text = "first line\nsecond line\nthird, the last\n";
        string input = folder.WriteText("lines.txt", text);

        using ChildProcess client = NetProgApp.Start(["echo-client", "127.0.0.1", Text(xinetd.EchoUdpPort), "--udp"], stdinFile: input);

        await OutputAssert.ExitsWithAsync(client, 0);
        Assert.Equal(text, Encoding.UTF8.GetString(client.StdoutBytes));
        OutputAssert.NoStackTrace(client);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static void AssertFirstLineIsXinetdDaytime(ChildProcess client)
    {
        Assert.True(client.StdoutLines.Count > 0, client.Describe());
        string first = client.StdoutLines[0];
        Assert.DoesNotContain('\r', client.StdoutText);
        Assert.True(TimeText.XinetdDaytime().IsMatch(first), $"line 1 is not xinetd's daytime text: '{first}'\n{client.Describe()}");
        TimeText.AssertIsNow(first, client.DisplayName);
        OutputAssert.NoStackTrace(client);
    }

    private static void AssertFirstLineIsDecodedNow(ChildProcess client)
    {
        Assert.True(client.StdoutLines.Count > 0, client.Describe());
        string first = client.StdoutLines[0];
        Assert.True(first.All(c => !char.IsControl(c)), $"line 1 holds raw bytes, not a decoded time: '{first}'\n{client.Describe()}");
        TimeText.AssertIsNow(first, client.DisplayName);
        OutputAssert.NoStackTrace(client);
    }
}
