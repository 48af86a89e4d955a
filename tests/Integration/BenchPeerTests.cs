using System.Text.Json;

namespace NetProg.Integration.Tests;

/// <summary>
/// <c>netprog bench</c> (docs/BENCHMARKS.md) against servers that are not netprog: socat's echo, a socat relay that
/// corrupts the stream (<c>tr a b</c>), and xinetd's internal echo and daytime services. The counts must agree, and a
/// corrupting server must be caught.
/// </summary>
public sealed partial class BenchPeerTests(Xinetd xinetd) : IClassFixture<Xinetd>
{
    [Fact]
    public async Task Should_count_consistent_round_trips_with_no_mismatch_When_loading_socat_echo()
    {
        // Given socat echoing every connection (PIPE: what it reads, it writes back)
        using ChildProcess socat = StartSocat("PIPE");
        int port = await ListeningPortAsync(socat);

        JsonElement json = await RunJsonAsync(0, "bench", "echo", "127.0.0.1", Text(port), "-c", "4", "--duration", "1s", "--warmup", "200ms", "--json");

        long operations = json.GetProperty("operations").GetInt64();
        Assert.True(operations > 0);
        Assert.Equal(operations * 64, json.GetProperty("bytes").GetInt64());
        Assert.Equal(0, json.GetProperty("mismatchedBytes").GetInt64());
        Assert.Empty(json.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Should_report_mismatched_bytes_and_exit_1_When_the_server_corrupts_the_echo()
    {
        // Given a relay that echoes through tr, turning every 'a' into 'b' (stdbuf -o0: tr's output unbuffered, so a
        // 64-byte message comes back at once); random messages hold an 'a' once in 256 bytes
        using ChildProcess socat = StartSocat("EXEC:stdbuf -o0 tr a b");
        int port = await ListeningPortAsync(socat);

        using ChildProcess bench = NetProgApp.Start("bench", "echo", "127.0.0.1", Text(port), "--size", "1k", "--duration", "1s", "--warmup", "0");
        await OutputAssert.ExitsWithAsync(bench, 1);

        Match row = MismatchRow().Match(bench.StdoutText);
        Assert.True(row.Success, bench.Describe());
        Assert.True(long.Parse(row.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, bench.Describe());
        Assert.Contains("came back different from what was sent", OutputAssert.SingleErrorLine(bench), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_count_round_trips_and_datagrams_When_loading_xinetd_echo()
    {
        xinetd.EnsureRunning();

        JsonElement tcp = await RunJsonAsync(0, "bench", "echo", "127.0.0.1", Text(xinetd.EchoTcpPort), "-c", "2", "--duration", "1s", "--warmup", "200ms", "--json");
        // xinetd's internal UDP echo drops an occasional datagram under load: several in flight and a short loss timeout
        // keep one loss from stalling a short run (the loss is counted, not an error).
        JsonElement udp = await RunJsonAsync(
            0, "bench", "udp-echo", "127.0.0.1", Text(xinetd.EchoUdpPort), "--pipeline", "4", "--timeout", "200ms", "--duration", "2s", "--warmup", "200ms", "--json");

        Assert.True(tcp.GetProperty("operations").GetInt64() > 0);
        Assert.Equal(0, tcp.GetProperty("mismatchedBytes").GetInt64());
        Assert.True(udp.GetProperty("operations").GetInt64() > 0);
        Assert.Equal(udp.GetProperty("operations").GetInt64() * 64, udp.GetProperty("bytes").GetInt64());
        Assert.Equal(0, udp.GetProperty("mismatchedBytes").GetInt64());
    }

    [Fact]
    public async Task Should_count_connections_When_loading_xinetd_daytime()
    {
        xinetd.EnsureRunning();

        JsonElement json = await RunJsonAsync(0, "bench", "time", "127.0.0.1", Text(xinetd.DaytimeTcpPort), "-c", "2", "--duration", "1s", "--warmup", "200ms", "--json");

        Assert.True(json.GetProperty("operations").GetInt64() > 0);
        Assert.Equal(0, json.GetProperty("emptyReplies").GetInt64());
    }

    [Fact]
    public async Task Should_say_connection_refused_in_one_line_and_exit_1_When_nothing_listens()
    {
        int port = FreePort.Tcp();

        using ChildProcess bench = NetProgApp.Start("bench", "echo", "127.0.0.1", Text(port), "--duration", "1m");
        await OutputAssert.ExitsWithAsync(bench, 1);

        Assert.StartsWith("netprog: connection refused by 127.0.0.1:", OutputAssert.SingleErrorLine(bench), StringComparison.Ordinal);
        Assert.Contains("refused", bench.StdoutText, StringComparison.Ordinal);
        OutputAssert.NoStackTrace(bench);
    }

    [Theory]
    [InlineData("--size", "0")]
    [InlineData("--connections", "0")]
    [InlineData("--duration", "soon")]
    public async Task Should_exit_2_with_one_line_When_an_option_is_invalid(string option, string value)
    {
        using ChildProcess bench = NetProgApp.Start("bench", "echo", "127.0.0.1", "1", option, value);
        await OutputAssert.ExitsWithAsync(bench, 2);
        Assert.Contains(option, OutputAssert.SingleErrorLine(bench), StringComparison.Ordinal);
    }

    private static ChildProcess StartSocat(string peer) =>
        ChildProcess.Start(ExecutableSearch.Require("socat", "socat"), ["-d", "-d", "TCP4-LISTEN:0,bind=127.0.0.1,fork,reuseaddr", peer]);

    /// <summary>socat -d -d logs <c>N listening on AF=2 127.0.0.1:PORT</c> once it listens on the port it was given (0: any).</summary>
    private static async Task<int> ListeningPortAsync(ChildProcess socat)
    {
        Match line = await socat.WaitForStderrLineAsync(SocatListening(), Waits.Line);
        return int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> RunJsonAsync(int expectedExit, params string[] arguments)
    {
        using ChildProcess bench = NetProgApp.Start(arguments);
        await OutputAssert.ExitsWithAsync(bench, expectedExit);
        using JsonDocument document = JsonDocument.Parse(bench.StdoutText);
        return document.RootElement.Clone();
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"listening on AF=2 127\.0\.0\.1:(\d+)")]
    private static partial Regex SocatListening();

    [GeneratedRegex(@"mismatched bytes\s+([\d,]+)")]
    private static partial Regex MismatchRow();
}
