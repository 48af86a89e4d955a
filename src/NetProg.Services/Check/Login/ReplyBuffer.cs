using System.Buffers;

namespace NetProg.Services.Check.Login;

/// <summary>
/// The bytes a server sent, cut into reply lines: a line ends with LF (its CR, if any, goes with it); a line longer than
/// <see cref="MaxLine"/> is taken as a line of that length; what has come after the last LF (a prompt such as
/// <c>ID: </c>) stays pending until the caller takes it. From <see cref="StartRecording"/> on, every byte taken is also
/// kept (bounded), so two conversations can be compared byte for byte. Pure: no socket.
/// </summary>
internal sealed class ReplyBuffer
{
    /// <summary>The longest reply line kept as one line; longer ones are cut (a 128-byte C buffer writes far less).</summary>
    public const int MaxLine = 4096;

    /// <summary>The most bytes recorded for a comparison.</summary>
    public const int MaxRecorded = 64 * 1024;

    private readonly List<byte> _pending = [];
    private ArrayBufferWriter<byte>? _recorded;

    /// <summary>What has come after the last line taken (no LF yet).</summary>
    public ReadOnlySpan<byte> Pending => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);

    /// <summary>The last line (or prompt) taken, or null.</summary>
    public byte[]? LastTaken { get; private set; }

    /// <summary>The bytes taken since <see cref="StartRecording"/> (at most <see cref="MaxRecorded"/>).</summary>
    public byte[] Recorded => _recorded?.WrittenSpan.ToArray() ?? [];

    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            _pending.Add(b);
        }
    }

    /// <summary>Takes the next whole line (with its LF), or a cut one of <see cref="MaxLine"/> bytes; false when none is there yet.</summary>
    public bool TryTakeLine(out byte[] line)
    {
        var end = Pending.IndexOf((byte)'\n');
        if (end < 0 && _pending.Count < MaxLine)
        {
            line = [];
            return false;
        }

        line = Take(end < 0 ? MaxLine : Math.Min(end + 1, MaxLine));
        return true;
    }

    /// <summary>Takes what is pending (a prompt without LF, or the rest before the end of the stream).</summary>
    public byte[] TakePending() => Take(_pending.Count);

    public void StartRecording() => _recorded = new ArrayBufferWriter<byte>();

    /// <summary>The text of a reply line for a regex: UTF-8 (invalid bytes as U+FFFD), without its LF or CRLF.</summary>
    public static string Text(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n')
        {
            line = line[..^1];
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return Encoding.UTF8.GetString(line);
    }

    private byte[] Take(int count)
    {
        var taken = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        LastTaken = taken.Length > 0 ? taken : LastTaken;
        if (_recorded is not null)
        {
            _recorded.Write(taken.AsSpan(0, Math.Min(taken.Length, MaxRecorded - _recorded.WrittenCount)));
        }

        return taken;
    }
}
