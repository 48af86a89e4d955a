namespace NetProg.Reliability.Tests.Support;

/// <summary>The login echo protocol (docs/PROTOCOL.md) spoken over a raw socket, as an attacker or a C client would.</summary>
public static class LoginWire
{
    private const int MaxLine = 8192;

    /// <summary>Reads one line (without its CRLF); throws at end of stream, past 8 KiB, or after the deadline.</summary>
    public static async Task<string> ReadLineAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < MaxLine)
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, timeout.Token) == 0)
            {
                throw new IOException($"the server closed after '{Encoding.UTF8.GetString([.. line])}'");
            }

            if (one[0] == '\n')
            {
                return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
            }

            line.Add(one[0]);
        }

        throw new IOException("a reply line longer than 8 KiB");
    }

    public static Task SendLineAsync(Socket socket, string line) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(line + "\r\n"), SocketFlags.None);

    /// <summary>True when the server ends the connection (FIN or reset) before the deadline, whatever it sends first.</summary>
    public static async Task<bool> ReadsEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Everything the server sends until it closes, as Latin-1 text (at most 16 MiB, within the deadline).</summary>
    public static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(EchoTraffic.Deadline);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0 && received.Length < 16 << 20)
        {
            received.Write(buffer, 0, n);
        }

        return Encoding.Latin1.GetString(received.GetBuffer(), 0, (int)received.Length);
    }

    /// <summary>
    /// Banner, USER, PASS: the server's last reply line (e.g. <c>230 welcome alice</c> or <c>421 ...</c>), or a description
    /// starting with "no reply" when the connection ended or failed without one.
    /// </summary>
    public static async Task<string> TryLogInAsync(int port, string user, string password)
    {
        try
        {
            using var socket = await EchoTraffic.ConnectAsync(port);
            var banner = await ReadLineAsync(socket);
            if (!banner.StartsWith("220 ", StringComparison.Ordinal))
            {
                return banner;
            }

            await SendLineAsync(socket, "USER " + user);
            var userReply = await ReadLineAsync(socket);
            if (!userReply.StartsWith("331 ", StringComparison.Ordinal))
            {
                return userReply;
            }

            await SendLineAsync(socket, "PASS " + password);
            return await ReadLineAsync(socket);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return "no reply: " + e.Message;
        }
    }

    /// <summary>A whole well-behaved session: banner, USER, PASS, one echoed line, QUIT. True when every reply was right.</summary>
    public static async Task<bool> LogInAndEchoAsync(int port, string user, string password)
    {
        using var socket = await EchoTraffic.ConnectAsync(port);
        if (!(await ReadLineAsync(socket)).StartsWith("220 ", StringComparison.Ordinal))
        {
            return false;
        }

        await SendLineAsync(socket, "USER " + user);
        if (!(await ReadLineAsync(socket)).StartsWith("331 ", StringComparison.Ordinal))
        {
            return false;
        }

        await SendLineAsync(socket, "PASS " + password);
        if (!(await ReadLineAsync(socket)).StartsWith("230 ", StringComparison.Ordinal))
        {
            return false;
        }

        await SendLineAsync(socket, "still here");
        if (await ReadLineAsync(socket) != "still here")
        {
            return false;
        }

        await SendLineAsync(socket, "QUIT");
        return (await ReadLineAsync(socket)).StartsWith("221 ", StringComparison.Ordinal);
    }
}
