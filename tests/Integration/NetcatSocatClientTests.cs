namespace NetProg.Integration.Tests;

/// <summary>
/// netprog's servers as the everyday tools see them: OpenBSD netcat (<c>nc</c>, with <c>-N</c> for the
/// half-close after stdin ends, nc(1)) and socat (socat(1)), over IPv4 and IPv6 loopback.
/// </summary>
public sealed class NetcatSocatClientTests
{
    public static TheoryData<string> LoopbackAddresses => new() { "127.0.0.1", "::1" };

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_return_one_MiB_of_random_bytes_unchanged_When_nc_sends_a_file_to_echo_server(string address)
    {
        using var folder = new TempFolder();
        string input = folder.WriteRandom("random.bin", 1024 * 1024);
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--port", "0");

        using ChildProcess nc = ChildProcess.Start(Nc(), ["-N", address, Text(server.Port)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(nc, 0);
        OutputAssert.SameBytes(File.ReadAllBytes(input), nc.StdoutBytes, nc);
        OutputAssert.NoStackTrace(server.Process);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_send_one_ctime_line_and_close_When_nc_connects_to_time_server(string address)
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--port", "0");

        // nc ADDR PORT < /dev/null: Debian's nc keeps running after the peer closes while its stdin is open, so
        // stdin is empty; nc then ends only because the server closes the connection.
        using ChildProcess nc = ChildProcess.Start(Nc(), [address, Text(server.Port)], stdinFile: "/dev/null");

        await OutputAssert.ExitsWithAsync(nc, 0);
        AssertOneCtimeLine(nc);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_echo_a_datagram_When_nc_sends_it_to_the_udp_echo_server(string address)
    {
        using var folder = new TempFolder();
        string input = folder.WriteText("line.txt", "hello over udp\n");
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0");

        // -w1: UDP has no end of stream, nc quits after one idle second.
        using ChildProcess nc = ChildProcess.Start(Nc(), ["-u", "-w1", address, Text(server.Port)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(nc, 0);
        Assert.Equal("hello over udp\n", nc.StdoutText);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_answer_with_the_ctime_text_When_nc_sends_a_datagram_to_the_udp_time_server(string address)
    {
        using var folder = new TempFolder();
        string input = folder.WriteText("line.txt", "\n");
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--udp", "--port", "0");

        using ChildProcess nc = ChildProcess.Start(Nc(), ["-u", "-w1", address, Text(server.Port)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(nc, 0);
        AssertOneCtimeLine(nc);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_echo_what_socat_sends_When_socat_connects_to_echo_server_over_tcp(string address)
    {
        using var folder = new TempFolder();
        string text = "line one\nline two, a bit longer\n" + new string('z', 5000) + "\n";
        string input = folder.WriteText("lines.txt", text);
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--port", "0");

        using ChildProcess socat = ChildProcess.Start(Socat(), ["-", SocatAddress("TCP", address, server.Port)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(socat, 0);
        Assert.Equal(text, socat.StdoutText);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_echo_what_socat_sends_When_socat_talks_to_the_udp_echo_server(string address)
    {
        using var folder = new TempFolder();
        string input = folder.WriteText("line.txt", "socat datagram\n");
        using NetProgServer server = await NetProgApp.StartServerAsync("echo-server", "--udp", "--port", "0");

        using ChildProcess socat = ChildProcess.Start(Socat(), ["-", SocatAddress("UDP", address, server.Port)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(socat, 0);
        Assert.Equal("socat datagram\n", socat.StdoutText);
    }

    [Theory]
    [MemberData(nameof(LoopbackAddresses))]
    public async Task Should_answer_socat_with_the_ctime_text_When_socat_talks_to_the_udp_time_server(string address)
    {
        using var folder = new TempFolder();
        string input = folder.WriteText("line.txt", "time?\n");
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--udp", "--port", "0");

        using ChildProcess socat = ChildProcess.Start(Socat(), ["-", SocatAddress("UDP", address, server.Port)], stdinFile: input);

        await OutputAssert.ExitsWithAsync(socat, 0);
        AssertOneCtimeLine(socat);
    }

    [Fact]
    public async Task Should_send_an_ISO_8601_line_When_time_server_runs_with_format_iso8601()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--format", "iso8601", "--port", "0");

        using ChildProcess nc = ChildProcess.Start(Nc(), ["127.0.0.1", Text(server.Port)], stdinFile: "/dev/null");

        await OutputAssert.ExitsWithAsync(nc, 0);
        string text = nc.StdoutText.TrimEnd('\0', '\r', '\n');
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", text);
        TimeText.AssertIsNow(text, nc.DisplayName);
    }

    [Fact]
    public async Task Should_send_exactly_four_bytes_of_RFC_868_time_When_time_server_runs_with_format_rfc868()
    {
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--format", "rfc868", "--port", "0");

        using ChildProcess nc = ChildProcess.Start(Nc(), ["127.0.0.1", Text(server.Port)], stdinFile: "/dev/null");

        await OutputAssert.ExitsWithAsync(nc, 0);
        byte[] bytes = nc.StdoutBytes;
        Assert.Equal(4, bytes.Length);

        // RFC 868: seconds since 1900-01-01 00:00 UTC, big-endian; 2,208,988,800 s before the Unix epoch.
        long seconds = ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
        long unix = seconds - 2_208_988_800L;
        Assert.InRange(unix, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 120);
    }

    private static string Nc() => ExecutableSearch.Require("nc", "netcat-openbsd");

    private static string Socat() => ExecutableSearch.Require("socat", "socat");

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>TCP:127.0.0.1:PORT</c>, <c>TCP6:[::1]:PORT</c>, same for UDP.</summary>
    private static string SocatAddress(string protocol, string address, int port) =>
        address.Contains(':', StringComparison.Ordinal)
            ? $"{protocol}6:[{address}]:{Text(port)}"
            : $"{protocol}4:{address}:{Text(port)}";

    /// <summary>The course format: ctime text, with or without its NUL, and nothing else.</summary>
    private static void AssertOneCtimeLine(ChildProcess client)
    {
        string text = Encoding.UTF8.GetString(client.StdoutBytes).TrimEnd('\0').TrimEnd('\n', '\r');
        Assert.True(TimeText.Ctime().IsMatch(text), $"not one ctime line: '{text}'\n{client.Describe()}");
        TimeText.AssertIsNow(text, client.DisplayName);
    }
}
