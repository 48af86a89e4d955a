using System.IO.Pipelines;
using NetProg.Transport.InMemory;

namespace NetProg.Services.Tests.Login;

/// <summary>
/// A raw client that sees the exact bytes, over a TCP socket on loopback or over an <see cref="InMemoryConnection"/> (the
/// same server code, no socket: for the protocol tests): lines are returned with their line ending, and every read is
/// bounded by <see cref="Waits.Long"/>.
/// </summary>
internal sealed class LineClient : IAsyncDisposable
{
    private readonly Socket? _socket;
    private readonly InMemoryConnection? _memory;
    private readonly List<byte> _pending = [];
    private bool _ended;

    private LineClient(Socket socket) => _socket = socket;

    private LineClient(InMemoryConnection memory) => _memory = memory;

    /// <summary>The client side of an in-memory connection; disposing the client ends the connection.</summary>
    public static LineClient Over(InMemoryConnection connection) => new(connection);

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
        if (_memory is not null)
        {
            await _memory.Output.WriteAsync(bytes, deadline.Token);
            return;
        }

        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket!.SendAsync(bytes.AsMemory(sent), SocketFlags.None, deadline.Token);
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

    public void HalfClose()
    {
        if (_memory is not null)
        {
            _memory.Output.Complete();
        }
        else
        {
            _socket!.Shutdown(SocketShutdown.Send);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_memory is not null)
        {
            await _memory.DisposeAsync();
        }

        _socket?.Dispose();
    }

    private async Task<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        if (_memory is not null)
        {
            return await ReceiveInMemoryAsync(_memory, cancellationToken);
        }

        var buffer = new byte[64 * 1024];
        int read;
        try
        {
            read = await _socket!.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
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

    private async Task<bool> ReceiveInMemoryAsync(InMemoryConnection memory, CancellationToken cancellationToken)
    {
        ReadResult result;
        try
        {
            result = await memory.Input.ReadAsync(cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            _ended = true;
            return false;
        }

        foreach (var block in result.Buffer)
        {
            _pending.AddRange(block.Span);
        }

        var any = !result.Buffer.IsEmpty;
        memory.Input.AdvanceTo(result.Buffer.End);
        if (!any && result.IsCompleted)
        {
            _ended = true;
            return false;
        }

        return true;
    }
}
