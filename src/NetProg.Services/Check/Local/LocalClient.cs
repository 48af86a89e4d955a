using NetProg.Services.Check.Udp;

namespace NetProg.Services.Check.Local;

/// <summary>
/// The short, well-behaved client the local checks use to make the server work before they look at it: an echo
/// server gets a line and sends it back, a time server sends the time, a login server is connected to and left (its
/// protocol is the student's), a UDP server gets a datagram and answers. Then the client closes with a FIN after
/// reading all that came, never a reset (close(2) with unread data sends RST, which would hide a CLOSE_WAIT).
/// </summary>
internal static class LocalClient
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>How long a client waits for more after the reply began (a time server that does not close).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    public static async Task<LocalExchange> RunAsync(ServerCheckContext context, string tag, bool keepOpen, CancellationToken cancellationToken)
    {
        var message = Encoding.ASCII.GetBytes($"netprog check {tag}\n");
        if (CheckKinds.IsUdp(context.Kind))
        {
            return await DatagramAsync(context, message, cancellationToken).ConfigureAwait(false);
        }

        var endPoint = context.EndPoint;

        // Disposed by the finally unless handed to the exchange: after an answer (Close has ended it, a second Dispose is a
        // no-op), on cancellation by the caller, or on any failure that is no answer about the server.
        Socket? owned = null;
        try
        {
            owned = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var socket = owned;
            socket.NoDelay = true;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(context.Timeout);
            string? problem;
            IPEndPoint? local = null;
            try
            {
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
                local = socket.LocalEndPoint as IPEndPoint;
                problem = context.Kind switch
                {
                    CheckKind.EchoServer => await EchoAsync(socket, message, deadline.Token).ConfigureAwait(false),
                    CheckKind.TimeServer => await DrainAsync(socket, waitForFirst: true, deadline.Token).ConfigureAwait(false),
                    _ => await LeaveAsync(socket, keepOpen, deadline.Token).ConfigureAwait(false),
                };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = string.Format(CultureInfo.CurrentCulture, CheckText.Check_TimedOut, ServerChecker.Seconds(context.Timeout));
            }
            catch (SocketException e)
            {
                problem = e.Message;
            }

            if (keepOpen && problem is null)
            {
                owned = null;
                return new LocalExchange(socket, local, null);
            }

            Close(socket);
            return new LocalExchange(null, local, problem);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>Ends a connection with a FIN (shutdown(2) SHUT_WR, then close(2) with nothing left unread).</summary>
    public static void Close(Socket socket)
    {
        try
        {
            if (socket.Connected && socket.ProtocolType == ProtocolType.Tcp)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // Reset meanwhile: nothing to end politely.
        }

        socket.Dispose();
    }

    private static async Task<string?> EchoAsync(Socket socket, byte[] message, CancellationToken cancellationToken)
    {
        await socket.SendAsync(message, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[message.Length];
        var got = 0;
        while (got < message.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(got), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return string.Format(CultureInfo.CurrentCulture, LocalCheckText.Client_Closed, got, message.Length);
            }

            got += read;
        }

        return null;
    }

    /// <summary>
    /// A login server's protocol is the student's own: the client reads what the server says first and leaves. A client
    /// that is not kept open sends its FIN at once, so a correct server reads the end of the stream where it waits for the
    /// user name and closes, and the client is done at the server's FIN instead of after a moment of quiet: 200 clients
    /// of a server that serves one at a time then take no longer than the server needs. A client kept open leaves its
    /// side up, so that the server is the one to close (restart needs its side in TIME_WAIT).
    /// </summary>
    private static Task<string?> LeaveAsync(Socket socket, bool keepOpen, CancellationToken cancellationToken)
    {
        if (!keepOpen)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        return DrainAsync(socket, waitForFirst: false, cancellationToken);
    }

    /// <summary>Reads until the server closes, or (once something came, or from the start) it is quiet for a moment.</summary>
    private static async Task<string?> DrainAsync(Socket socket, bool waitForFirst, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var total = 0;
        if (waitForFirst)
        {
            var first = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (first == 0)
            {
                return null;
            }

            total = first;
        }

        while (total < MaxBytes)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(Quiet);
            try
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, quiet.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// One datagram and its reply through the UDP checks' own client (<see cref="UdpPeer"/>): unconnected, so a server
    /// that answers from another socket of its own is still served (udp-reply-source says what is wrong with that),
    /// with its resend and its bounds. A UDP socket holds no connection, so there is nothing to keep open.
    /// </summary>
    private static async Task<LocalExchange> DatagramAsync(ServerCheckContext context, byte[] message, CancellationToken cancellationToken)
    {
        using var peer = UdpPeer.Open(context.EndPoint);
        var result = await peer.ExchangeAsync(message, null, context.Timeout, cancellationToken).ConfigureAwait(false);
        var problem = result.Reply is not null
            ? null
            : result.Error ?? string.Format(CultureInfo.CurrentCulture, CheckText.Check_TimedOut, ServerChecker.Seconds(context.Timeout));
        return new LocalExchange(null, peer.Local, problem);
    }
}
