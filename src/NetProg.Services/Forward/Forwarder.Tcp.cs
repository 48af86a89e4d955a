using System.Net;
using System.Net.Sockets;
using NetProg.Transport;

namespace NetProg.Services.Forward;

public sealed partial class Forwarder
{
    private async Task AcceptLoopAsync(Socket listener, ForwardListener info, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                                      || e is SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // "The connection got reset while it was in the backlog, so we try again." (Kestrel SocketConnectionListener)
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
            {
                // EMFILE/ENFILE/ENOBUFS: the pending connection stays in the backlog; back off briefly instead of spinning.
                ForwardLog.AcceptFailed(_logger, info.ToString(), e.SocketErrorCode);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Admit(socket, info.Target, stopping);
        }
    }

    private void Admit(Socket socket, IPEndPoint target, CancellationToken stopping)
    {
        IPEndPoint client;
        try
        {
            client = EndPointText.Normalize((IPEndPoint)socket.RemoteEndPoint!);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            return;
        }

        if (!_options.Allow.Allows(client.Address))
        {
            // Closed at once, with RST: the client is told no, and the target never hears of it.
            Refuse(client, TransportProtocol.Tcp);
            ResetAndClose(socket);
            return;
        }

        if (Interlocked.Increment(ref _activeTcp) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _activeTcp);
            Defer(() => ForwardLog.ConnectionRejected(_logger, EndPointText.Format(client), _options.MaxConnections));
            ResetAndClose(socket);
            return;
        }

        TcpRelay relay;
        try
        {
            relay = new TcpRelay(socket, target, _options);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Interlocked.Decrement(ref _activeTcp);
            socket.Dispose();
            return;
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _relays[relay] = gate.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                var summary = await relay.RunAsync(stopping).ConfigureAwait(false);
                // Free the slot before reporting: a client that reconnects as soon as it hears must find it free.
                Interlocked.Decrement(ref _activeTcp);
                _relays.TryRemove(relay, out _);
                Report(summary);
            }
            finally
            {
                gate.SetResult();
            }
        }, CancellationToken.None);
    }

    private static void ResetAndClose(Socket socket)
    {
        try
        {
            // Linger 0 makes close() send RST: no TIME_WAIT left here under a flood of refused clients.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }
}
