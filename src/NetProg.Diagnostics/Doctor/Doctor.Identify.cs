using NetProg.Protocols.Time;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>What the doctor sends to see whether it comes back; one line, so a line-based echo answers it too.</summary>
    internal static readonly byte[] ProbeBytes = "netprog doctor probe\n"u8.ToArray();

    private const int MaxIdentifyBytes = 1024;

    // How much of an unexpected reply the facts quote: enough to recognise a protocol, short enough for one line.
    private const int QuotedBytes = 60;

    /// <summary>
    /// Listens first (a time server talks and closes; the login echo sends its 220 banner), then sends the probe line: if it
    /// comes back, an echo server.
    /// </summary>
    internal static async Task<DoctorCheck> IdentifyAsync(Socket socket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = await ReadAsync(socket, TimeSpan.FromMilliseconds(Math.Min(1000, timeout.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
        if (first.Data.Length > 0)
        {
            if (first.Data.AsSpan().StartsWith("220 "u8))
            {
                var banner = Encoding.ASCII.GetString(first.Data).TrimEnd('\r', '\n');
                return Service(CheckStatus.Passed, DoctorFinding.ServiceBanner, Reply(banner, first.Data.Length));
            }

            var reply = TimeReplyParser.Parse(first.Data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
            if (reply.Time is not null)
            {
                return Service(CheckStatus.Passed, first.Closed ? DoctorFinding.ServiceTimeClosed : DoctorFinding.ServiceTime, Reply(reply.Text, first.Data.Length));
            }

            return Service(CheckStatus.Info, DoctorFinding.ServiceUnasked, Reply(Quote(first.Data), first.Data.Length));
        }

        if (first.Closed)
        {
            return Service(CheckStatus.Warning, DoctorFinding.ServiceClosedSilently, DoctorFacts.None);
        }

        try
        {
            await socket.SendAsync(ProbeBytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return Service(CheckStatus.Warning, DoctorFinding.ServiceNoData, DoctorFacts.None);
        }

        var echoed = await ReadAsync(socket, timeout, cancellationToken, ProbeBytes.Length).ConfigureAwait(false);
        if (echoed.Data.AsSpan().SequenceEqual(ProbeBytes))
        {
            return Service(CheckStatus.Passed, DoctorFinding.ServiceEcho, DoctorFacts.None);
        }

        return echoed.Data.Length == 0
            ? Service(CheckStatus.Info, DoctorFinding.ServiceSilent, DoctorFacts.None)
            : Service(CheckStatus.Info, DoctorFinding.ServiceOther, Reply(Quote(echoed.Data), echoed.Data.Length));
    }

    /// <summary>The UDP port's finding once a datagram came back: our probe echoed, a time text, or something else.</summary>
    internal static DoctorCheck DatagramReply(ReadOnlySpan<byte> data, DoctorFacts where)
    {
        if (data.SequenceEqual(ProbeBytes))
        {
            return new DoctorCheck(DoctorCheckId.Port, CheckStatus.Passed, DoctorFinding.UdpOpenEcho, where with { ReplyLength = data.Length });
        }

        var reply = TimeReplyParser.Parse(data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
        return reply.Time is not null
            ? new DoctorCheck(DoctorCheckId.Port, CheckStatus.Passed, DoctorFinding.UdpOpenTime, where with { Reply = reply.Text, ReplyLength = data.Length })
            : new DoctorCheck(DoctorCheckId.Port, CheckStatus.Passed, DoctorFinding.UdpOpenOther, where with { ReplyLength = data.Length });
    }

    private static DoctorCheck Service(CheckStatus status, DoctorFinding finding, DoctorFacts facts) => new(DoctorCheckId.Service, status, finding, facts);

    private static DoctorFacts Reply(string text, int length) => new() { Reply = text, ReplyLength = length };

    /// <summary>
    /// The first bytes of a reply as text, one byte a character (ISO-8859-1 maps every byte to the code point of the same
    /// value), so no byte is lost or merged; the CLI escapes what is not printable when it shows it.
    /// </summary>
    private static string Quote(byte[] data) => Encoding.Latin1.GetString(data, 0, Math.Min(data.Length, QuotedBytes));

    private static async Task<(byte[] Data, bool Closed)> ReadAsync(Socket socket, TimeSpan wait, CancellationToken cancellationToken, int enough = MaxIdentifyBytes)
    {
        var buffer = new byte[MaxIdentifyBytes];
        var length = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            while (length < enough)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return (buffer[..length], true);
                }

                length += n;
                // A banner or a time text is one line: stop at its end rather than wait out the timeout.
                if (buffer.AsSpan(0, length).Contains((byte)'\n') && enough == MaxIdentifyBytes)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
            return (buffer[..length], true);
        }

        return (buffer[..length], false);
    }
}
