using System.Net.Security;
using System.Security.Authentication;
using NetProg.Integration.Tests.Login;

namespace NetProg.Reliability.Tests;

// The TLS clients here test whether the server survives, not who it is: they accept any certificate on purpose.
#pragma warning disable CA5359

/// <summary>
/// Garbage (docs/RELIABILITY.md, "Under attack"): random bytes, NULs, invalid UTF-8, CR without LF, a TLS ClientHello
/// to a plain port, plain text to a TLS port, USER/PASS out of order. Each server answers with a protocol reply or a
/// close — never a crash, a hang or a stack trace in its log — and serves the next client normally.
/// </summary>
public sealed class GarbageTests
{
    private static readonly byte[] Random = Payloads.Random(862, 1 << 20);

    [Fact]
    public async Task Should_echo_random_bytes_NULs_invalid_UTF8_and_bare_CRs_exactly_and_survive_a_TLS_hello()
    {
        using var server = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1", "--both");
        await EchoGarbageAsync("echo (tcp, udp)", server.Port, server.Process);
    }

    [Fact]
    public async Task Should_relay_random_bytes_NULs_invalid_UTF8_bare_CRs_and_a_TLS_hello_exactly_through_the_forwarder()
    {
        using var echo = await NetProgApp.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1", "--both", "--rate-limit", "0");
        using var forward = await ForwardProcess.StartAsync(echo.Port, "--both");
        await EchoGarbageAsync("forward to echo (tcp, udp)", forward.Port, forward.Process);
        Assert.False(echo.Process.HasExited, echo.Process.Describe());
    }

    /// <summary>Garbage to an echo service at <paramref name="port"/> (directly or through a relay): everything comes back exactly.</summary>
    private static async Task EchoGarbageAsync(string name, int port, ChildProcess process)
    {

        // TCP: echo is binary-transparent, so every byte comes back as it was.
        byte[][] inputs = [Random, [0, 0, 0, 10], [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 10], "no line feed\rat all\r"u8.ToArray()];
        foreach (var input in inputs)
        {
            using var socket = await EchoTraffic.ConnectAsync(port);
            var receiving = Task.Run(async () =>
            {
                var echo = new byte[input.Length];
                await EchoTraffic.ReceiveExactlyAsync(socket, echo);
                return echo;
            });
            await socket.SendAsync(input, SocketFlags.None);
            Assert.Equal(input, await receiving);
        }

        // A TLS client meets its own ClientHello echoed back: the handshake fails on the client, not the server.
        var hello = await TlsHandshakeFailsAsync(port);

        // UDP: random datagrams of every size class, an empty one included, each answered with itself.
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        foreach (var size in new[] { 0, 1, 512, 1472, 8192, 65507 })
        {
            var datagram = Random.AsMemory(0, size).ToArray();
            await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, port));
            using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
            var reply = await udp.ReceiveAsync(timeout.Token);
            Assert.Equal(datagram, reply.Buffer);
        }

        Assert.True(await EchoTraffic.RoundTripsAsync(port, 1, 5) is { Length: 5 });
        Report(name, "1 MiB random, NULs, invalid UTF-8, bare CR, a TLS ClientHello, UDP 0-65,507 B", $"all echoed exactly; TLS client: {hello}", process);
    }

    [Fact]
    public async Task Should_answer_garbage_and_commands_out_of_order_on_the_login_echo_with_replies_and_keep_serving()
    {
        using var folder = new TempFolder();
        var db = folder.File("accounts.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "s3cret pass"));
        var port = server.Port;

        // Out of order and odd bytes: one reply per line, in order.
        (string Send, string Expect)[] exchanges =
        [
            ("PASS s3cret pass", "530 please log in"),
            ("\0\0\0", "530 please log in"),
            ("USER \u00ff\u00fe", "331 password required"),
            ("PASS x", "530 login incorrect"),
            ("USER alice\rPASS s3cret pass\r", "331 password required"),
            ("PASS", "530 login incorrect"),
            ("QUIT", "221 bye"),
        ];
        using (var socket = await EchoTraffic.ConnectAsync(port))
        {
            Assert.StartsWith("220 ", await LoginWire.ReadLineAsync(socket), StringComparison.Ordinal);
            foreach (var (send, expect) in exchanges)
            {
                await socket.SendAsync(Encoding.Latin1.GetBytes(send + "\n"), SocketFlags.None);
                Assert.Equal(expect, await LoginWire.ReadLineAsync(socket));
            }
        }

        // 1 MiB of random bytes (about 4,000 "lines", as a LF comes every 256 bytes on average), then end of input: a reply
        // of the protocol to each line, and a close after the last.
        int replies;
        using (var socket = await EchoTraffic.ConnectAsync(port))
        {
            var reading = LoginWire.ReadToEndAsync(socket);
            await socket.SendAsync(Random, SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
            var lines = (await reading).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.Matches(@"^[2-5]\d\d [a-z]", line));
            replies = lines.Length;
        }

        var hello = await TlsHandshakeFailsAsync(port);
        Assert.True(await LoginWire.LogInAndEchoAsync(port, "alice", "s3cret pass"));
        Report("login echo", "commands out of order, NULs, invalid UTF-8, bare CR, 1 MiB random, a TLS ClientHello", $"one protocol reply per line ({replies} for the random MiB), closed at its end; TLS client: {hello}", server.Process);
    }

    [Fact]
    public async Task Should_close_a_plain_text_client_of_the_TLS_login_echo_and_serve_a_TLS_client_after_it()
    {
        using var folder = new TempFolder();
        var db = folder.File("accounts.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "s3cret pass"), "--tls");

        using (var socket = await EchoTraffic.ConnectAsync(server.Port))
        {
            await LoginWire.SendLineAsync(socket, "USER alice");
            Assert.True(await LoginWire.ReadsEndAsync(socket), "the TLS server kept a plain-text client");
        }

        using (var socket = await EchoTraffic.ConnectAsync(server.Port))
        {
            await socket.SendAsync(Random.AsMemory(0, 4096), SocketFlags.None);
            Assert.True(await LoginWire.ReadsEndAsync(socket), "the TLS server kept a client sending random bytes");
        }

        // A real TLS client (no certificate check: the test is about the server surviving) still gets the banner.
        using var client = await EchoTraffic.ConnectAsync(server.Port);
        await using var tls = new SslStream(new NetworkStream(client, ownsSocket: false), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        var banner = new byte[4];
        await tls.ReadExactlyAsync(banner);
        Assert.Equal("220 "u8.ToArray(), banner);
        Report("login echo over TLS", "plain text and random bytes instead of a ClientHello", "closed; the next TLS client greeted", server.Process);
    }

    [Fact]
    public async Task Should_send_the_time_and_close_whatever_a_client_sends_first()
    {
        using var server = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1", "--both");
        foreach (var input in new[] { Random.AsMemory(0, 65536).ToArray(), [0], "GET / HTTP/1.0\r\n\r\n"u8.ToArray() })
        {
            using var socket = await EchoTraffic.ConnectAsync(server.Port);
            await socket.SendAsync(input, SocketFlags.None);
            var reply = new List<byte>();
            var buffer = new byte[1024];
            using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
            try
            {
                int n;
                while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
                {
                    reply.AddRange(buffer.AsSpan(0, n));
                }
            }
            catch (SocketException)
            {
                // Closed with unread input (ours) in its buffer: Linux sends RST after the data (RFC 2525, 2.17).
            }

            Assert.EndsWith("\n", Encoding.ASCII.GetString([.. reply]), StringComparison.Ordinal);
        }

        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await udp.SendAsync(Random.AsMemory(0, 1000).ToArray(), new IPEndPoint(IPAddress.Loopback, server.Port));
        using var udpTimeout = new CancellationTokenSource(EchoTraffic.Deadline);
        Assert.EndsWith("\n", Encoding.ASCII.GetString((await udp.ReceiveAsync(udpTimeout.Token)).Buffer), StringComparison.Ordinal);
        Report("time (tcp, udp)", "64 KiB random, a NUL, an HTTP request, a random datagram", "the time text each time", server.Process);
    }

    /// <summary>Runs a TLS handshake against a plain server: it must fail on the client side with a TLS error, not hang.</summary>
    private static async Task<string> TlsHandshakeFailsAsync(int port)
    {
        using var socket = await EchoTraffic.ConnectAsync(port);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), false, (_, _, _, _) => true);
        using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, timeout.Token));
        Assert.True(failure is AuthenticationException or IOException, failure.ToString());
        return "handshake failed on the client (" + failure.GetType().Name + ")";
    }

    /// <summary>Still running, nothing like a stack trace in its output; then the row.</summary>
    private static void Report(string server, string load, string measured, ChildProcess process)
    {
        var alive = !process.HasExited;
        var trace = process.StderrLines.Concat(process.StdoutLines).FirstOrDefault(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        ReliabilityReport.Row($"garbage ({server})", load, $"{measured}; {(alive ? "still running" : "EXITED")}, {(trace is null ? "no stack trace in the log" : "STACK TRACE: " + trace)}", alive && trace is null);
        Assert.True(alive, process.Describe());
        Assert.True(trace is null, $"'{trace}' in the log\n{process.Describe()}");
    }
}
