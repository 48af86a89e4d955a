using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using NetProg.Transport.InMemory;

namespace NetProg.Services.Tests.Support;

/// <summary>The client's side of an <see cref="InMemoryConnection"/>: what a test reads and writes, bounded by <see cref="Waits.Long"/>.</summary>
internal static class InMemoryClient
{
    /// <summary>Everything the server sends until its FIN; <c>Reset</c> when it ended with a reset instead.</summary>
    public static async Task<(byte[] Data, bool Reset)> ReadToEndAsync(InMemoryConnection connection)
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        using var data = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await connection.Input.ReadAsync(deadline.Token);
                foreach (var block in result.Buffer)
                {
                    data.Write(block.Span);
                }

                connection.Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return (data.ToArray(), false);
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (data.ToArray(), true);
        }
    }

    /// <summary>Exactly <paramref name="count"/> bytes from the server (fails if it ends first).</summary>
    public static async Task<byte[]> ReadExactlyAsync(InMemoryConnection connection, long count)
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        while (true)
        {
            var result = await connection.Input.ReadAtLeastAsync((int)count, deadline.Token);
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                connection.Input.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }

            connection.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException($"the server ended after {result.Buffer.Length} of {count} bytes");
            }
        }
    }

    public static async Task SendAsync(InMemoryConnection connection, ReadOnlyMemory<byte> bytes)
    {
        using var deadline = new CancellationTokenSource(Waits.Long);
        await connection.Output.WriteAsync(bytes, deadline.Token);
    }
}
