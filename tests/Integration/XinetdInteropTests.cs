using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetProg.Integration.Tests.Harness;

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
        byte[] daytime = await ReadAllTcpAsync(xinetd.DaytimeTcpPort);
        string text = Encoding.ASCII.GetString(daytime);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Matches(TimeText.XinetdDaytime(), text.TrimEnd('\r', '\n'));

        byte[] time = await ReadAllTcpAsync(xinetd.TimeTcpPort);
        Assert.Equal(4, time.Length);
    }

    [Fact]
    public async Task Should_print_the_RFC_867_text_without_CRLF_When_time_client_asks_xinetd_daytime_over_tcp()
    {
        xinetd.EnsureRunning();
        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(xinetd.DaytimeTcpPort));

        await OutputAssert.ExitsWithAsync(client, 0);
        AssertFirstLineIsXinetdDaytime(client);
    }

    [Fact]
    public async Task Should_print_the_RFC_867_text_without_CRLF_When_time_client_asks_xinetd_daytime_over_udp()
    {
        xinetd.EnsureRunning();
        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(xinetd.DaytimeUdpPort), "--udp");

        await OutputAssert.ExitsWithAsync(client, 0);
        AssertFirstLineIsXinetdDaytime(client);
    }

    [Fact]
    public async Task Should_print_the_decoded_time_When_time_client_asks_xinetd_RFC_868_time_over_tcp()
    {
        xinetd.EnsureRunning();
        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(xinetd.TimeTcpPort));

        await OutputAssert.ExitsWithAsync(client, 0);
        AssertFirstLineIsDecodedNow(client);
    }

    [Fact]
    public async Task Should_print_the_decoded_time_When_time_client_asks_xinetd_RFC_868_time_over_udp()
    {
        xinetd.EnsureRunning();
        using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", Text(xinetd.TimeUdpPort), "--udp");

        await OutputAssert.ExitsWithAsync(client, 0);
        AssertFirstLineIsDecodedNow(client);
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

    private static async Task<byte[]> ReadAllTcpAsync(int port)
    {
        using var timeout = new CancellationTokenSource(Waits.Line);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        using var received = new MemoryStream();
        byte[] buffer = new byte[1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return received.ToArray();
    }

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
