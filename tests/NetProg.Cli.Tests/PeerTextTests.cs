using NetProg.Protocols.Text;

namespace NetProg.Cli.Tests;

/// <summary>
/// Text a server sends reaches the terminal only through <c>PrintableText.Printable</c>: a login server of somebody else's
/// (a classmate's, or one that wants to fake netprog's own lines) cannot clear the screen, retitle the window or start a
/// new line of its own choosing. A hand-written server on loopback plays that peer.
/// </summary>
public sealed class PeerTextTests
{
    [Fact]
    public async Task Should_print_the_welcome_and_the_echo_of_a_login_server_with_its_control_characters_escaped()
    {
        // Given a login server whose 230 line sets the window title (an echo that differs from the line sent is refused as
        // "not an echo server", quoted through the same helper)
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeAsync(listener, "230 welcome \u001b]0;pwned\u0007alice\r\n", echo: true);
        var console = new TestConsole("secret-pw\nhello\nquit\n", inputRedirected: false);

        // When a student logs in with netprog's echo client and sends a line
        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(listener), "--user", "alice"], console, CancellationToken.None).WaitAsync(Cli.Timeout);
        await serving.WaitAsync(Cli.Timeout);

        // Then both reached the terminal escaped, on their own lines, and no control character at all
        Assert.True(exit == 0, string.Join('\n', console.ErrorWriter.Lines));
        var output = string.Join('\n', console.OutWriter.Lines);
        Assert.Contains(@"230 welcome \x1B]0;pwned\x07alice", output, StringComparison.Ordinal);
        Assert.Contains("> hello", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public async Task Should_quote_a_refusal_in_one_line_with_its_control_characters_escaped()
    {
        // Given a login server whose refusal tries to erase the line and print a fake success
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeAsync(listener, "530 \u001b[2K\rnetprog: logged in\nok\r\n", echo: false);
        var console = new TestConsole("secret-pw\n", inputRedirected: false);

        // When the student logs in
        var exit = await CliApp.RunAsync(["echo-client", "127.0.0.1", Port(listener), "--user", "alice"], console, CancellationToken.None).WaitAsync(Cli.Timeout);
        await serving.WaitAsync(Cli.Timeout);

        // Then one error line quotes the server, escaped: no carriage return, no escape sequence
        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines, l => l.Contains("netprog: login refused", StringComparison.Ordinal));
        Assert.Contains(@"\x1B[2K\x0Dnetprog: logged in", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, char.IsControl);
    }

    /// <summary>One connection: 220, 331 after USER, <paramref name="answer"/> after PASS, then, with <paramref name="echo"/>, each line back until the client closes.</summary>
    private static async Task ServeAsync(TcpListener listener, string answer, bool echo)
    {
        using var client = await listener.AcceptSocketAsync().WaitAsync(Cli.Timeout);
        await using var stream = new NetworkStream(client);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await stream.WriteAsync("220 fake login\r\n"u8.ToArray());
        await reader.ReadLineAsync().WaitAsync(Cli.Timeout);
        await stream.WriteAsync("331 password required\r\n"u8.ToArray());
        await reader.ReadLineAsync().WaitAsync(Cli.Timeout);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
        if (!echo)
        {
            return;
        }

        while (await reader.ReadLineAsync().WaitAsync(Cli.Timeout) is { } line)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        }
    }

    private static string Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
}
