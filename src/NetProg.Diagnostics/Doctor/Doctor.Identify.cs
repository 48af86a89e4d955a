using System.Net.Sockets;
using System.Text;
using NetProg.Protocols.Time;

namespace NetProg.Diagnostics.Doctor;

public static partial class Doctor
{
    /// <summary>What the doctor sends to see whether it comes back; one line, so a line-based echo answers it too.</summary>
    internal static readonly byte[] ProbeBytes = "netprog doctor probe\n"u8.ToArray();

    private const int MaxIdentifyBytes = 1024;

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
                return new DoctorCheck("service", CheckStatus.Passed, string.Format(Strings.Service_Banner, banner));
            }

            var reply = TimeReplyParser.Parse(first.Data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
            if (reply.Time is not null)
            {
                return new DoctorCheck("service", CheckStatus.Passed, string.Format(first.Closed ? Strings.Service_TimeClosed : Strings.Service_Time, reply.Text));
            }

            return new DoctorCheck("service", CheckStatus.Info, string.Format(Strings.Service_Unasked, first.Data.Length, Printable(first.Data)));
        }

        if (first.Closed)
        {
            return new DoctorCheck("service", CheckStatus.Warning, Strings.Service_ClosedSilently);
        }

        try
        {
            await socket.SendAsync(ProbeBytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return new DoctorCheck("service", CheckStatus.Warning, Strings.Service_NoData);
        }

        var echoed = await ReadAsync(socket, timeout, cancellationToken, ProbeBytes.Length).ConfigureAwait(false);
        if (echoed.Data.AsSpan().SequenceEqual(ProbeBytes))
        {
            return new DoctorCheck("service", CheckStatus.Passed, Strings.Service_Echo);
        }

        return echoed.Data.Length == 0
            ? new DoctorCheck("service", CheckStatus.Info, Strings.Service_Silent)
            : new DoctorCheck("service", CheckStatus.Info, string.Format(Strings.Service_Other, Printable(echoed.Data)));
    }

    internal static string DescribeDatagramReply(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual(ProbeBytes))
        {
            return Strings.Datagram_Echo;
        }

        var reply = TimeReplyParser.Parse(data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
        return reply.Time is not null ? string.Format(Strings.Datagram_Time, reply.Text) : string.Format(Strings.Datagram_Other, data.Length);
    }

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

    private static string Printable(byte[] data)
    {
        var text = new StringBuilder();
        foreach (var b in data.AsSpan(0, Math.Min(data.Length, 60)))
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }
}
