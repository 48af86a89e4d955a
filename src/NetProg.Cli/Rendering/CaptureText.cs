using NetProg.Capture;
using NetProg.Capture.FlowGraph;
using NetProg.Capture.Flows;
using NetProg.Capture.Follow;
using NetProg.Capture.Live;
using NetProg.Capture.Pcap;
using NetProg.Capture.Session;

namespace NetProg.Cli.Rendering;

/// <summary>The capture command's text: the interface list, what is captured, Follow TCP Stream, the flow graph file, and the closing summary.</summary>
internal static class CaptureText
{
    /// <summary>Bytes per hex-dump line, as Wireshark's and xxd's.</summary>
    private const int HexWidth = 16;

    public static void WriteInterfaces(TextWriter output, IReadOnlyList<CaptureInterface> interfaces)
    {
        if (interfaces.Count == 0)
        {
            output.WriteLine(Strings.Capture_NoInterfaces);
            return;
        }

        var width = Math.Max(9, interfaces.Max(i => i.Name.Length));
        output.WriteLine($"{Strings.Capture_Column_Interface.PadRight(width)}  {Strings.Capture_InterfacesHeader}");
        foreach (var nic in interfaces)
        {
            var addresses = string.Join(", ", nic.Addresses.Select(a => a.ToString()));
            var notes = new List<string>();
            if (nic.IsLoopback)
            {
                notes.Add(Strings.Capture_LoopbackNote);
            }

            if (!string.IsNullOrWhiteSpace(nic.Description) && nic.Description != nic.Name)
            {
                notes.Add(nic.Description);
            }

            var note = notes.Count > 0 ? $"  ({string.Join("; ", notes)})" : string.Empty;
            output.WriteLine($"{nic.Name.PadRight(width)}  {(addresses.Length > 0 ? addresses : "-")}{note}");
        }
    }

    /// <summary>Each TCP conversation's bytes, client and server marked, as text or as a hex dump (Wireshark's Follow TCP Stream).</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="streams">The streams followed.</param>
    /// <param name="mode">Text, hex, or as the bytes look.</param>
    /// <param name="notFollowed">Conversations past <see cref="StreamFollower.MaxStreams"/>, said at the end.</param>
    /// <param name="totalReached">All streams together reached <see cref="StreamFollower.MaxTotalBytes"/>, said at the end.</param>
    public static void WriteFollow(TextWriter output, IEnumerable<FollowedStream> streams, FollowMode mode, int notFollowed = 0, bool totalReached = false)
    {
        foreach (var stream in streams)
        {
            output.WriteLine();
            output.WriteLine(string.Format(Strings.Capture_FollowHeader, stream.Conversation, stream.Client, stream.Server));
            var hex = mode == FollowMode.Hex || (mode == FollowMode.Auto && !LooksLikeText(stream.Chunks));
            foreach (var chunk in stream.Chunks)
            {
                var arrow = chunk.From == PeerRole.Client ? Strings.Capture_ClientToServer : Strings.Capture_ServerToClient;
                output.WriteLine($"{arrow}, {Bytes(chunk.Data.Length)}:");
                if (hex)
                {
                    WriteHex(output, chunk.Data);
                }
                else
                {
                    WriteText(output, chunk.Data);
                }
            }

            var notes = new StringBuilder(string.Format(Strings.Capture_FollowTotals, Bytes(stream.ClientBytes), Bytes(stream.ServerBytes)));
            if (stream.MissingBytes > 0)
            {
                notes.Append(string.Format(Strings.Capture_NotCaptured, Bytes(stream.MissingBytes)));
            }

            if (stream.Truncated)
            {
                notes.Append(string.Format(Strings.Capture_OnlyFirst, Bytes(StreamFollower.MaxBytesPerStream)));
            }

            output.WriteLine(notes.Append(" ===").ToString());
        }

        if (notFollowed > 0)
        {
            output.WriteLine();
            output.WriteLine(string.Format(Strings.Capture_NotFollowed, notFollowed, StreamFollower.MaxStreams));
        }

        if (totalReached)
        {
            output.WriteLine(string.Format(Strings.Capture_FollowTotalReached, Bytes(StreamFollower.MaxTotalBytes)));
        }
    }

    /// <summary>"capturing on lo (loopback: ...): port 30000" — what the capture opened, before its first packet.</summary>
    public static string Capturing(CaptureSource source, int? port)
    {
        var what = port is { } p
            ? string.Format(Strings.Capture_What_Port, p)
            : source.Bpf is null ? Strings.Capture_What_Every : string.Format(Strings.Capture_What_Filter, source.Bpf);
        var loopback = source.IsLoopback ? $" ({Strings.Capture_LoopbackNote})" : string.Empty;
        return string.Format(Strings.Capture_Capturing, source.Name, loopback, what);
    }

    /// <summary>
    /// The ladder diagram of <paramref name="summary"/>'s packets as an HTML file, created as capture files are
    /// (<see cref="CaptureFiles.Create"/>: owner only, given to <paramref name="owner"/>, never through a symbolic link, and
    /// under its name only once complete).
    /// </summary>
    /// <exception cref="CaptureException">The file cannot be written (BadFile).</exception>
    public static void WriteFlowGraph(string path, CaptureSummary summary, string title, FileOwner? owner = null)
    {
        try
        {
            using var file = CaptureFiles.Create(path, owner);
            using (var text = new StreamWriter(file.Stream, leaveOpen: true))
            {
                text.Write(FlowGraphWriter.Render(summary.GraphEvents ?? [], title, summary.Shown));
            }

            file.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaptureException(CaptureErrorKind.BadFile, string.Format(Strings.Capture_CannotWrite, path, e.Message), e);
        }
    }

    public static string Summary(CaptureSummary summary)
    {
        var text = new StringBuilder(string.Format(summary.Shown == 1 ? Strings.Capture_ShownOne : Strings.Capture_Shown, summary.Shown));
        if (summary.WritePath is not null)
        {
            text.Append(string.Format(Strings.Capture_Written, summary.Written, summary.WritePath));
        }

        if (summary.Dropped > 0)
        {
            text.Append(string.Format(Strings.Capture_Dropped, summary.Dropped));
        }

        if (summary.KernelDropped is > 0)
        {
            text.Append(string.Format(Strings.Capture_KernelDropped, summary.KernelDropped));
        }

        return text.ToString();
    }

    private static string Bytes(long count) => string.Format(count == 1 ? Strings.Capture_Byte : Strings.Capture_Bytes, count);

    /// <summary>Text when nearly every byte is printable ASCII or a line break (a NUL at the end, as the course's time server sends, is allowed).</summary>
    private static bool LooksLikeText(IReadOnlyList<StreamChunk> chunks)
    {
        long total = 0, printable = 0;
        foreach (var chunk in chunks)
        {
            foreach (var b in chunk.Data)
            {
                total++;
                if (b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0)
                {
                    printable++;
                }
            }
        }

        return total == 0 || printable * 100 >= total * 95;
    }

    private static void WriteText(TextWriter output, byte[] data)
    {
        var text = new StringBuilder();
        foreach (var b in data)
        {
            text.Append(b switch
            {
                (byte)'\n' => "\n",
                (byte)'\r' => string.Empty,
                (byte)'\t' => "\t",
                0 => "\\0",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => ".",
            });
        }

        foreach (var line in text.ToString().TrimEnd('\n').Split('\n'))
        {
            output.WriteLine($"    {line}");
        }
    }

    private static void WriteHex(TextWriter output, byte[] data)
    {
        for (var offset = 0; offset < data.Length; offset += HexWidth)
        {
            var row = data.AsSpan(offset, Math.Min(HexWidth, data.Length - offset));
            var hex = new StringBuilder();
            var ascii = new StringBuilder();
            for (var i = 0; i < HexWidth; i++)
            {
                hex.Append(i < row.Length ? row[i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    hex.Append(' ');
                }

                if (i < row.Length)
                {
                    ascii.Append(row[i] is >= 0x20 and < 0x7F ? (char)row[i] : '.');
                }
            }

            output.WriteLine($"    {offset:x8}  {hex}|{ascii}|");
        }
    }
}
