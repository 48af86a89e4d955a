using System.Net;
using System.Net.Sockets;
using System.Text;
using NetProg.Services.Tests.Support;

namespace NetProg.Services.Tests.Login;

/// <summary>
/// A raw TCP client on loopback that sees the exact bytes: lines are returned with their line ending, and every read is
/// bounded by <see cref="Waits.Long"/>.
/// </summary>
internal sealed class LineClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];
    private bool _ended;

    private LineClient(Socket socket) => _socket = socket;

    public static async Task<LineClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(Waits.Long);
            return new LineClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, deadline.Token);
        }
    }

    /// <summary>The next line with its LF or CRLF, as text; fails if the server closes first.</summary>
    public async Task<string> ReadLineAsync() => Encoding.UTF8.GetString(await ReadLineBytesAsync());

    public async Task<byte[]> ReadLineBytesAsync()
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        while (true)
        {
            var end = _pending.IndexOf((byte)'\n');
            if (end >= 0)
            {
                var line = _pending.GetRange(0, end + 1).ToArray();
                _pending.RemoveRange(0, end + 1);
                return line;
            }

            if (!await ReceiveAsync(deadline.Token))
            {
                throw new EndOfStreamException($"the server closed the connection; unfinished line: '{Encoding.UTF8.GetString([.. _pending])}'");
            }
        }
    }

    /// <summary>Everything the server sends until it closes the connection (a reset counts as the end, too).</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        while (await ReceiveAsync(deadline.Token))
        {
        }

        var rest = _pending.ToArray();
        _pending.Clear();
        return rest;
    }

    public async Task<string> ReadToEndTextAsync() => Encoding.UTF8.GetString(await ReadToEndAsync());

    public void HalfClose() => _socket.Shutdown(SocketShutdown.Send);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        var buffer = new byte[64 * 1024];
        int read;
        try
        {
            read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        if (read == 0)
        {
            _ended = true;
            return false;
        }

        _pending.AddRange(buffer.AsSpan(0, read));
        return true;
    }
}
