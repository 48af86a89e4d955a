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
                return new DoctorCheck("service", CheckStatus.Passed, $"it greets with '{banner}': the login echo (or another FTP/SMTP-style server).");
            }

            var reply = TimeReplyParser.Parse(first.Data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
            if (reply.Time is not null)
            {
                return new DoctorCheck("service", CheckStatus.Passed, $"it sent the time ('{reply.Text}'){(first.Closed ? " and closed" : string.Empty)}: a time server.");
            }

            return new DoctorCheck("service", CheckStatus.Info, $"it sent {first.Data.Length} bytes unasked ('{Printable(first.Data)}'): not a netprog time or echo server.");
        }

        if (first.Closed)
        {
            return new DoctorCheck("service", CheckStatus.Warning, "it accepted the connection and closed it without a word: not a time server; perhaps at its connection limit.");
        }

        try
        {
            await socket.SendAsync(ProbeBytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return new DoctorCheck("service", CheckStatus.Warning, "it accepted the connection but would not take data.");
        }

        var echoed = await ReadAsync(socket, timeout, cancellationToken, ProbeBytes.Length).ConfigureAwait(false);
        if (echoed.Data.AsSpan().SequenceEqual(ProbeBytes))
        {
            return new DoctorCheck("service", CheckStatus.Passed, "it sent back the probe line unchanged: an echo server.");
        }

        return echoed.Data.Length == 0
            ? new DoctorCheck("service", CheckStatus.Info, "it accepted the connection but said nothing, and did not echo a line: some other server.")
            : new DoctorCheck("service", CheckStatus.Info, $"it answered the probe line with '{Printable(echoed.Data)}': some other server.");
    }

    internal static string DescribeDatagramReply(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual(ProbeBytes))
        {
            return "the probe came back unchanged: an echo server";
        }

        var reply = TimeReplyParser.Parse(data, DateTimeOffset.UtcNow, TimeZoneInfo.Local);
        return reply.Time is not null ? $"it is the time ('{reply.Text}'): a time server" : $"{data.Length} bytes: some other server";
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
