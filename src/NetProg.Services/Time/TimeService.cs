using NetProg.Protocols.Time;
using NetProg.Transport.Tcp;

namespace NetProg.Services.Time;

/// <summary>
/// The time server: on each TCP connection, the time text in one write, then close (RFC 867/868 and the course's time_server);
/// any UDP datagram, even an empty one, gets one datagram with the time back.
/// </summary>
public sealed class TimeService
{
    private readonly TimeFormat _format;
    private readonly bool _appendNul;
    private readonly TimeProvider _clock;

    /// <param name="appendNul">
    /// Send a NUL after the text, as the course's C time_server does (it sends <c>strlen(buf) + 1</c> bytes). Off by default:
    /// the text is then exactly ctime()'s.
    /// </param>
    public TimeService(TimeFormat format, bool appendNul, TimeProvider clock)
    {
        _format = format;
        _appendNul = appendNul && format != TimeFormat.Rfc868;
        _clock = clock;
    }

    public async ValueTask HandleConnectionAsync(TcpConnection connection, CancellationToken stopping)
    {
        var span = connection.Output.GetSpan(TimeFormatter.MaxLength + 1);
        var length = Write(span);
        connection.Output.Advance(length);
        // One write, one flush: the reply leaves in a single send(), which clients doing one recv() rely on.
        await connection.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public int HandleDatagram(ReadOnlySpan<byte> request, IPEndPoint remote, Span<byte> reply) => Write(reply);

    private int Write(Span<byte> destination)
    {
        var now = _clock.GetLocalNow();
        var length = TimeFormatter.Format(_format, now, destination);
        if (_appendNul)
        {
            destination[length++] = 0;
        }

        return length;
    }
}
