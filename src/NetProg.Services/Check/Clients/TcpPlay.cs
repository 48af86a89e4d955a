namespace NetProg.Services.Check.Clients;

/// <summary>What the TCP test servers do with an accepted connection, none of it ever throwing for what the client does.</summary>
internal static class TcpPlay
{
    /// <summary>Sends all of <paramref name="data"/>; false when the client has reset or closed the connection.</summary>
    public static async Task<bool> SendAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends our FIN (the client's recv() returns 0) but keeps reading: closing with the client's bytes unread would
    /// send a RST instead (RFC 1122 4.2.2.13), and the client would see ECONNRESET rather than the end of the stream.
    /// </summary>
    public static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Reads and drops what the client sends until it closes, resets, or <paramref name="cancellationToken"/> ends it;
    /// <paramref name="firstByte"/> is completed when something came. Returns how many bytes came.
    /// </summary>
    public static async Task<long> DrainAsync(Socket socket, TaskCompletionSource? firstByte, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                firstByte?.TrySetResult();
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (OperationCanceledException)
        {
        }

        return total;
    }
}
