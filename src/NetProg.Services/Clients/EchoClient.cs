using System.Buffers;
using System.IO.Pipelines;
using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>
/// The echo client for redirected input: TCP streams the input both ways and half-closes at its end (as ncat does by default,
/// ncat(1), --no-shutdown); UDP sends one datagram per line.
/// </summary>
public static class EchoClient
{
    /// <summary>The largest UDP payload over IPv4 (65,535 - 20 - 8); longer lines go out in several datagrams.</summary>
    public const int MaxDatagramPayload = 65_507;

    private const int ChunkSize = 64 * 1024;

    /// <summary>The echo of this many first bytes of a TCP stream is checked byte for byte; past them it is passed on as it comes.</summary>
    private const int VerifiedBytes = 64 * 1024;

    /// <summary>
    /// Sends all of <paramref name="input"/>, writes everything that comes back to <paramref name="output"/> as it arrives,
    /// half-closes after the input's end and returns when the server closes. Fails when neither side makes progress for
    /// <paramref name="timeout"/> while we wait on the server (waiting on the input does not count: a person may be typing).
    /// </summary>
    public static Task<EchoStreamResult> StreamAsync(string host, int port, Stream input, Stream output, TimeSpan timeout, CancellationToken cancellationToken) =>
        StreamAsync(host, port, input, output, new EchoConnectOptions(timeout), cancellationToken);

    /// <summary>As above, over TLS and after a login when <paramref name="options"/> ask for them.</summary>
    public static async Task<EchoStreamResult> StreamAsync(string host, int port, Stream input, Stream output, EchoConnectOptions options, CancellationToken cancellationToken)
    {
        var timeout = options.Timeout;
        await using var channel = await ClientChannel.ConnectAsync(host, port, options.Tls, timeout, cancellationToken).ConfigureAwait(false);
        if (options.Login is { } login)
        {
            await LoginClient.LoginAsync(channel, login, timeout, cancellationToken).ConfigureAwait(false);
        }

        var progress = new ProgressWatch();
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long sent = 0;
        long received = 0;
        var inputEnded = false;
        // The first VerifiedBytes sent, kept to check that what comes back is their echo before it is written out: a time
        // server or the login server's greeting must not pass for an echo. Recorded before the write, so no echo can
        // arrive before the bytes it echoes are known.
        var head = new byte[VerifiedBytes];
        long handed = 0;

        var upload = Task.Run(async () =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while ((read = await input.ReadAsync(buffer.AsMemory(0, ChunkSize), stalled.Token).ConfigureAwait(false)) > 0)
                {
                    var offset = Interlocked.Read(ref handed);
                    if (offset < VerifiedBytes)
                    {
                        buffer.AsSpan(0, (int)Math.Min(read, VerifiedBytes - offset)).CopyTo(head.AsSpan((int)offset));
                    }

                    Interlocked.Add(ref handed, read);
                    progress.Blocked = true;
                    await channel.WriteAsync(buffer.AsMemory(0, read), stalled.Token).ConfigureAwait(false);
                    progress.Blocked = false;
                    Interlocked.Add(ref sent, read);
                    progress.Touch();
                }

                Volatile.Write(ref inputEnded, true);
                progress.Blocked = true;
                progress.Touch();
                // Half-close: the server sees the end of our input and closes after echoing the rest.
                await channel.HalfCloseAsync().ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, CancellationToken.None);

        using var watchdog = progress.Watch(timeout, stalled);
        try
        {
            while (true)
            {
                var result = await channel.Reader.ReadAsync(stalled.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    if (NotAnEcho(buffer, received, Interlocked.Read(ref handed), head) is { } foreign)
                    {
                        await stalled.CancelAsync().ConfigureAwait(false);
                        throw new WrongServiceException(ExpectedService.Echo, foreign, channel.RemoteEndPoint, TransportProtocol.Tcp);
                    }

                    progress.Touch();
                    received += buffer.Length;
                    foreach (var segment in buffer)
                    {
                        await output.WriteAsync(segment, stalled.Token).ConfigureAwait(false);
                    }

                    await output.FlushAsync(stalled.Token).ConfigureAwait(false);
                }

                channel.Reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stalled(channel, timeout, Volatile.Read(ref inputEnded));
        }
        catch (IOException e) when (e.InnerException is SocketException s)
        {
            throw NetworkException.From(s, NetworkOperation.Receive, TransportProtocol.Tcp, channel.RemoteEndPoint, host);
        }
        catch (SocketException e)
        {
            throw NetworkException.From(e, NetworkOperation.Receive, TransportProtocol.Tcp, channel.RemoteEndPoint, host);
        }

        var closedEarly = !Volatile.Read(ref inputEnded);
        if (!closedEarly)
        {
            try
            {
                await upload.ConfigureAwait(false);
            }
            catch (IOException e) when (e.InnerException is SocketException s)
            {
                throw NetworkException.From(s, NetworkOperation.Send, TransportProtocol.Tcp, channel.RemoteEndPoint, host);
            }
            catch (SocketException e)
            {
                throw NetworkException.From(e, NetworkOperation.Send, TransportProtocol.Tcp, channel.RemoteEndPoint, host);
            }
        }

        // When the server closed first, the upload may still be blocked reading input that nobody will echo: leave it.
        return new EchoStreamResult(channel.RemoteEndPoint, TransportProtocol.Tcp, Interlocked.Read(ref sent), received, 0, closedEarly, channel.FailedAttempts);
    }

    /// <summary>
    /// Sends each line of <paramref name="input"/> (with its <c>\n</c>) as one datagram and writes each echo to
    /// <paramref name="output"/>; a line longer than <see cref="MaxDatagramPayload"/> goes out in pieces. A reply that differs
    /// from what was sent is skipped when it can be a late duplicate of an earlier datagram, and ends the run as
    /// <see cref="WrongServiceException"/> when it cannot (the first reply, or the only replies); a datagram with no echo after
    /// <see cref="UdpClientSocket.Transmissions"/> tries fails the run, so that nothing is lost silently.
    /// </summary>
    public static async Task<EchoStreamResult> StreamDatagramsAsync(string host, int port, Stream input, Stream output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: ChunkSize, leaveOpen: true));
        UdpClientSocket? socket = null;
        long sent = 0;
        long received = 0;
        var datagrams = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryTakeDatagram(ref buffer, result.IsCompleted, out var datagram))
                {
                    var payload = datagram.ToArray();
                    UdpReply reply;
                    if (socket is null)
                    {
                        (socket, reply) = await OpenDatagramEchoAsync(host, port, payload, timeout, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        reply = await ExchangeDatagramEchoAsync(socket, payload, timeout, cancellationToken).ConfigureAwait(false);
                    }

                    datagrams++;
                    sent += payload.Length;
                    received += reply.Data.Length;
                    await output.WriteAsync(reply.Data, cancellationToken).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (socket is null)
            {
                // Empty input: nothing to send, and no server was contacted.
                return new EchoStreamResult(new System.Net.IPEndPoint(System.Net.IPAddress.None, port), TransportProtocol.Udp, 0, 0, 0, false, []);
            }

            return new EchoStreamResult(socket.RemoteEndPoint, TransportProtocol.Udp, sent, received, datagrams, false, socket.FailedAttempts);
        }
        finally
        {
            socket?.Dispose();
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The first datagram of an echo exchange: any reply is taken, since nothing sent before it can be late. A reply that is
    /// not the datagram itself means the server is no echo server (a time server answers every datagram with the time).
    /// </summary>
    internal static async Task<(UdpClientSocket Socket, UdpReply Reply)> OpenDatagramEchoAsync(string host, int port, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (socket, reply) = await UdpClientSocket.OpenAsync(host, port, payload, timeout, accept: null, cancellationToken).ConfigureAwait(false);
        if (!reply.Data.AsSpan().SequenceEqual(payload))
        {
            socket.Dispose();
            throw new WrongServiceException(ExpectedService.Echo, ForeignReply.Of(reply.Data, payload), socket.RemoteEndPoint, TransportProtocol.Udp) { RequestBytes = payload.Length };
        }

        return (socket, reply);
    }

    /// <summary>
    /// A later datagram: a reply that differs may be a late duplicate of an earlier datagram and is skipped; but when only
    /// such replies came until the timeout, the server answered, just not with an echo, and "no reply" would be false.
    /// </summary>
    internal static async Task<UdpReply> ExchangeDatagramEchoAsync(UdpClientSocket socket, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        byte[]? rejected = null;
        bool SameBytes(ReadOnlyMemory<byte> reply)
        {
            if (reply.Span.SequenceEqual(payload))
            {
                return true;
            }

            rejected = reply[..Math.Min(reply.Length, ForeignReply.MaxSampleBytes)].ToArray();
            return false;
        }

        try
        {
            return await socket.ExchangeAsync(payload, timeout, SameBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (NetworkException e) when (e.Kind == SocketErrorKind.TimedOut && rejected is not null)
        {
            throw new WrongServiceException(ExpectedService.Echo, ForeignReply.Of(rejected, payload), socket.RemoteEndPoint, TransportProtocol.Udp) { RequestBytes = payload.Length };
        }
    }

    /// <summary>
    /// What <paramref name="buffer"/>, arriving at offset <paramref name="received"/> of the echo, looks like when it is not the
    /// echo of the bytes sent: more bytes than were sent (the server spoke first), or bytes that mostly differ within the
    /// first <see cref="VerifiedBytes"/>. Null when it can be the echo.
    /// </summary>
    private static ForeignReply? NotAnEcho(ReadOnlySequence<byte> buffer, long received, long handed, byte[] head)
    {
        var tooMuch = received + buffer.Length > handed;
        if (!tooMuch && received >= VerifiedBytes)
        {
            return null;
        }

        var checkedLength = (int)Math.Clamp(Math.Min(handed, VerifiedBytes) - received, 0, buffer.Length);
        var sentHere = head.AsSpan((int)Math.Min(received, VerifiedBytes), checkedLength);
        if (!tooMuch && SameBytes(buffer.Slice(0, checkedLength), sentHere))
        {
            return null;
        }

        var sample = buffer.Slice(0, Math.Min(buffer.Length, ForeignReply.MaxSampleBytes)).ToArray();
        var sentSample = sentHere.Length > sample.Length ? sentHere[..sample.Length] : sentHere;
        // A few corrupted bytes are still an echo, passed on as they came; another service's reply is not.
        return tooMuch || ForeignReply.IsMostlyUnlike(sample, sentSample) ? ForeignReply.Of(sample, sentSample) : null;
    }

    private static bool SameBytes(ReadOnlySequence<byte> received, ReadOnlySpan<byte> sent)
    {
        foreach (var segment in received)
        {
            if (!segment.Span.SequenceEqual(sent[..segment.Length]))
            {
                return false;
            }

            sent = sent[segment.Length..];
        }

        return true;
    }

    /// <summary>Takes the next line (with its LF), a full datagram's worth of a longer line, or the unterminated rest at the end.</summary>
    internal static bool TryTakeDatagram(ref ReadOnlySequence<byte> buffer, bool inputEnded, out ReadOnlySequence<byte> datagram)
    {
        var window = buffer.Length > MaxDatagramPayload ? buffer.Slice(0, MaxDatagramPayload) : buffer;
        var newline = window.PositionOf((byte)'\n');
        if (newline is { } position)
        {
            datagram = buffer.Slice(0, buffer.GetPosition(1, position));
        }
        else if (buffer.Length >= MaxDatagramPayload || (inputEnded && !buffer.IsEmpty))
        {
            datagram = window;
        }
        else
        {
            datagram = default;
            return false;
        }

        buffer = buffer.Slice(datagram.End);
        return true;
    }

    private static NetworkException Stalled(ClientChannel channel, TimeSpan timeout, bool inputEnded) =>
        new(SocketErrorKind.TimedOut, NetworkOperation.Receive, TransportProtocol.Tcp, channel.RemoteEndPoint, null,
            inputEnded
                ? $"the server neither sent anything nor closed the connection for {timeout.TotalSeconds:0.###} s after the end of the input"
                : $"the server stopped reading: nothing could be sent for {timeout.TotalSeconds:0.###} s");

    /// <summary>Tracks the last time bytes moved, and cancels when we wait on the network without progress for too long.</summary>
    private sealed class ProgressWatch
    {
        private long _last = Stopwatch.GetTimestamp();
        private volatile bool _blocked;

        /// <summary>True while we wait on the network rather than on the input.</summary>
        public bool Blocked
        {
            get => _blocked;
            set => _blocked = value;
        }

        public void Touch() => Volatile.Write(ref _last, Stopwatch.GetTimestamp());

        public IDisposable Watch(TimeSpan timeout, CancellationTokenSource stalled)
        {
            var period = timeout / 4 > TimeSpan.FromMilliseconds(10) ? timeout / 4 : TimeSpan.FromMilliseconds(10);
            return new Timer(_ =>
            {
                if (Blocked && Stopwatch.GetElapsedTime(Volatile.Read(ref _last)) > timeout)
                {
                    try
                    {
                        stalled.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }, null, period, period);
        }
    }
}
