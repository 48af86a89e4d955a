using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>
/// The echo client for redirected input: TCP streams the input both ways and half-closes at its end (as ncat does by default,
/// research/anchors.md A.1); UDP sends one datagram per line.
/// </summary>
public static class EchoClient
{
    /// <summary>The largest UDP payload over IPv4 (65,535 - 20 - 8); longer lines go out in several datagrams.</summary>
    public const int MaxDatagramPayload = 65_507;

    private const int ChunkSize = 64 * 1024;

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

        var upload = Task.Run(async () =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while ((read = await input.ReadAsync(buffer.AsMemory(0, ChunkSize), stalled.Token).ConfigureAwait(false)) > 0)
                {
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
    /// from what was sent (a late duplicate of an earlier datagram) is skipped; a datagram with no echo after
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
                    bool SameBytes(ReadOnlyMemory<byte> reply) => reply.Span.SequenceEqual(payload);
                    UdpReply reply;
                    if (socket is null)
                    {
                        (socket, reply) = await UdpClientSocket.OpenAsync(host, port, payload, timeout, SameBytes, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        reply = await socket.ExchangeAsync(payload, timeout, SameBytes, cancellationToken).ConfigureAwait(false);
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
