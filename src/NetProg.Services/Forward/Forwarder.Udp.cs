using System.Buffers;
using NetProg.Transport;
using NetProg.Transport.Udp;

namespace NetProg.Services.Forward;

public sealed partial class Forwarder
{
    private int _activeUdp;
    private int _tableFullLogged;
    private int _addressFullLogged;

    /// <summary>One client datagram the UDP host admitted: sent on to the target through that client's session.</summary>
    private async ValueTask RelayDatagramAsync(UdpListener listener, IPEndPoint client, ReadOnlyMemory<byte> datagram, CancellationToken stopping)
    {
        if (Session(_udp[listener.Index], client) is not { } session)
        {
            return;
        }

        try
        {
            await session.Outgoing.SendAsync(datagram, SocketFlags.None, stopping).ConfigureAwait(false);
            session.SentToTarget(datagram.Length);
        }
        catch (SocketException e)
        {
            // ECONNREFUSED here is the ICMP port unreachable for an earlier datagram (Linux reports it on the next call).
            if (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                session.TargetRefused();
            }

            ForwardLog.DatagramFailed(_logger, EndPointText.Format(client), e.SocketErrorCode);
        }
        catch (ObjectDisposedException) when (!stopping.IsCancellationRequested)
        {
            // The session expired between lookup and send: the datagram is lost, as in a NAT; a retry opens a new one.
        }
    }

    private UdpSession? Session(UdpPort port, IPEndPoint client)
    {
        if (port.Sessions.TryGetValue(client, out var existing))
        {
            return existing;
        }

        if (Interlocked.Increment(ref _activeUdp) > _options.MaxUdpSessions)
        {
            Interlocked.Decrement(ref _activeUdp);
            if (Interlocked.Exchange(ref _tableFullLogged, 1) == 0)
            {
                Defer(() => ForwardLog.SessionTableFull(_logger, EndPointText.Format(client), _options.MaxUdpSessions));
            }

            return null;
        }

        // One host must not take every session: a thousand source ports are a thousand sessions (RFC 4787 §4 keys them by
        // address and port), each held until it expires.
        if (!_udpPerAddress.TryAdd(client.Address))
        {
            Interlocked.Decrement(ref _activeUdp);
            if (Interlocked.Exchange(ref _addressFullLogged, 1) == 0)
            {
                Defer(() => ForwardLog.SessionsPerAddressFull(_logger, EndPointText.Format(client), _options.MaxConnectionsPerAddress));
            }

            return null;
        }

        UdpSession session;
        try
        {
            session = new UdpSession(port, client);
        }
        catch (SocketException e)
        {
            _udpPerAddress.Remove(client.Address);
            Interlocked.Decrement(ref _activeUdp);
            ForwardLog.DatagramFailed(_logger, EndPointText.Format(client), e.SocketErrorCode);
            return null;
        }

        port.Sessions[client] = session;
        // Logged when it starts, not only when it expires (--udp-timeout later): a student sees at once that the datagrams pass.
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            Defer(() => ForwardLog.SessionOpened(
                _logger, EndPointText.Format(client), EndPointText.Format(EndPointText.Normalize(port.Listener.EndPoint)),
                EndPointText.Format(port.Listener.Target), _options.UdpTimeout.TotalSeconds));
        }

        _ = Task.Run(() => SessionLoopAsync(session), CancellationToken.None);
        return session;
    }

    /// <summary>The target's replies on one session's socket, each sent back to that session's client from the listening socket.</summary>
    private async Task SessionLoopAsync(UdpSession session)
    {
        var outgoing = session.Outgoing;
        var reply = session.Port.Socket;
        while (true)
        {
            byte[]? buffer = null;
            try
            {
                await ListenerSockets.WaitForDatagramAsync(outgoing, any: null).ConfigureAwait(false);
                buffer = ArrayPool<byte>.Shared.Rent(UdpServer.MaxDatagramSize);
                var count = await outgoing.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                await reply.SendToAsync(buffer.AsMemory(0, count), session.Client).ConfigureAwait(false);
                session.SentToClient(count);
            }
            catch (ObjectDisposedException)
            {
                // Expired or stopped: the socket was closed under us.
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                session.TargetRefused();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }
            catch (SocketException e)
            {
                ForwardLog.DatagramFailed(_logger, EndPointText.Format(session.Client), e.SocketErrorCode);
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    /// <summary>
    /// Forgets sessions silent for <see cref="ForwardOptions.UdpTimeout"/>, or for <see cref="ForwardOptions.UnansweredUdpTimeout"/>
    /// when the target never answered (conntrack's two UDP timeouts: a flow seen one way is not yet a conversation).
    /// </summary>
    private void ExpireSessions()
    {
        var timeoutMs = (long)_options.UdpTimeout.TotalMilliseconds;
        var unansweredMs = (long)(UnansweredSeconds * 1000);
        foreach (var port in _udp)
        {
            foreach (var (client, session) in port.Sessions)
            {
                var answered = session.Answered;
                if (session.IdleMilliseconds >= (answered ? timeoutMs : unansweredMs) && port.Sessions.TryRemove(client, out _))
                {
                    End(session, answered ? RelayEnd.IdleTimeout : RelayEnd.Unanswered);
                }
            }
        }
    }

    private void CloseAllSessions(RelayEnd end)
    {
        foreach (var port in _udp)
        {
            foreach (var client in port.Sessions.Keys)
            {
                if (port.Sessions.TryRemove(client, out var session))
                {
                    End(session, end);
                }
            }
        }
    }

    private void End(UdpSession session, RelayEnd end)
    {
        var summary = session.Close(end);
        _udpPerAddress.Remove(session.Client.Address);
        Interlocked.Decrement(ref _activeUdp);
        Volatile.Write(ref _tableFullLogged, 0);
        Volatile.Write(ref _addressFullLogged, 0);
        Report(summary);
    }
}
