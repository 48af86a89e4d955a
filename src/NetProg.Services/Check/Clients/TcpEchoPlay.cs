namespace NetProg.Services.Check.Clients;

/// <summary>
/// The TCP echo test server (RFC 862): echoes what comes, the first line in the check's <see cref="EchoStyle"/>, and
/// closes after the client does (its FIN: the rest is echoed first, then ours).
/// </summary>
internal sealed class TcpEchoPlay(EchoStyle style, int expected, ClientRun client) : EchoPlay(style, expected, client)
{
    public async Task RunAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var line = new List<byte>();
        var lineDone = Style == EchoStyle.Immediate;
        try
        {
            int read;
            while (Received < MaxEchoBytes && (read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                NoteReceived(chunk.Span);
                if (lineDone)
                {
                    await EchoAsync(socket, chunk, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                line.AddRange(chunk.Span);
                if (chunk.Span.Contains((byte)'\n'))
                {
                    lineDone = true;
                    await EchoLineAsync(socket, line.ToArray(), cancellationToken).ConfigureAwait(false);
                }
            }

            if (!lineDone && line.Count > 0)
            {
                // The client ended its side before a newline: what came is still its line.
                await EchoLineAsync(socket, line.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            TcpPlay.ShutdownSend(socket);
        }
        catch (SocketException)
        {
            // The client reset the connection: nothing more to echo.
        }
        catch (ObjectDisposedException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EchoAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (await TcpPlay.SendAsync(socket, data, cancellationToken).ConfigureAwait(false))
        {
            NoteEchoed(data.Length);
        }
    }

    private async Task EchoLineAsync(Socket socket, byte[] line, CancellationToken cancellationToken)
    {
        switch (Style)
        {
            case EchoStyle.Held:
                await HoldAsync(cancellationToken).ConfigureAwait(false);
                await EchoAsync(socket, line, cancellationToken).ConfigureAwait(false);
                break;
            case EchoStyle.Pieces:
                var cuts = new[] { 0, line.Length / 3, 2 * line.Length / 3, line.Length };
                NoteFirstPiece(cuts[1]);
                for (var i = 0; i < 3; i++)
                {
                    if (i > 0 && await Client.WaitForExitAsync(PiecePause, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    await EchoAsync(socket, line.AsMemory(cuts[i], cuts[i + 1] - cuts[i]), cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                await EchoAsync(socket, line, cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
