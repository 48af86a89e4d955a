using System.Globalization;
using System.Text;
using NetProg.Protocols.Forwarding;
using NetProg.Protocols.Ports;

namespace NetProg.Fuzz.Targets;

/// <summary>
/// <see cref="PortSyntax"/>, the reading of every port, range and list a person types (<c>--port</c>, <c>HOST:PORT</c>,
/// <c>forward --listen</c>, a targets file). It must never throw; a port read is what <c>int.TryParse</c> with
/// <c>NumberStyles.None</c> reads (the commands' parse before it, trailing NULs aside) and lies in range; a range is in order;
/// a list holds at most <see cref="PortList.MaxItems"/> items and reads back the same from its own text; a failure says why.
/// </summary>
/// <remarks>
/// Input: byte 0 picks port 0 allowed (bit 0), what is parsed (bits 1-2: a port, a range, a list) and how the rest becomes
/// text (bit 3: UTF-8, else one char per byte, Latin-1); the rest is the text.
/// </remarks>
public sealed class PortSyntaxTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "port-syntax";

    /// <inheritdoc />
    public string Description => "PortSyntax.TryParsePort, TryParseRange and TryParseList against int.TryParse and their own text";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        bool allowZero = (input[0] & 0x1) != 0;
        string text = (input[0] & 0x8) != 0 ? Encoding.UTF8.GetString(input[1..]) : Encoding.Latin1.GetString(input[1..]);
        switch ((input[0] >> 1) & 0x3)
        {
            case 0:
                CheckPort(text, allowZero);
                break;
            case 1:
                CheckRange(text, allowZero);
                break;
            default:
                CheckList(text);
                break;
        }
    }

    private static void CheckPort(string text, bool allowZero)
    {
        bool ok = PortSyntax.TryParsePort(text, allowZero, out int port, out PortSyntaxError error);
        FuzzInvariantException.Check(ok == (error == PortSyntaxError.None), $"TryParsePort {ok} with {error}");
        bool old = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            && value <= PortSyntax.MaxPort && (value > 0 || allowZero) && !text.EndsWith('\0');
        FuzzInvariantException.Check(ok == old, $"'{text}': PortSyntax {ok}, int.TryParse {old}");
        FuzzInvariantException.Check(ok ? port == value : port == 0, $"'{text}': port {port}, int.TryParse {value}");
    }

    private static void CheckRange(string text, bool allowZero)
    {
        bool ok = PortSyntax.TryParseRange(text, allowZero, out PortRange range, out PortSyntaxError error);
        FuzzInvariantException.Check(ok == (error == PortSyntaxError.None), $"TryParseRange {ok} with {error}");
        FuzzInvariantException.Check(error is not (PortSyntaxError.EmptyItem or PortSyntaxError.TooManyItems), $"a range failed with {error}");
        FuzzInvariantException.Check(
            ok || (error is PortSyntaxError.BadRange or PortSyntaxError.Reversed) == text.Contains('-', StringComparison.Ordinal),
            $"'{text}' failed with {error}");
        if (!ok)
        {
            FuzzInvariantException.Check(error == PortSyntaxError.Reversed || range == default, $"'{text}' failed with {error} and a range {range}");
            return;
        }

        FuzzInvariantException.Check(range.First <= range.Last && range.Last <= PortSyntax.MaxPort, $"'{text}' gave {range.First}-{range.Last}");
        FuzzInvariantException.Check(range.First > 0 || (allowZero && range.Last == 0), $"'{text}' gave a range from 0");
        bool again = PortSyntax.TryParseRange(range.ToString(), allowZero, out PortRange reread, out _);
        FuzzInvariantException.Check(again && reread == range, $"'{range}' (from '{text}') does not read back");
    }

    private static void CheckList(string text)
    {
        bool ok = PortSyntax.TryParseList(text, out PortList list, out PortSyntaxError error, out Range item);
        FuzzInvariantException.Check(ok == (error == PortSyntaxError.None), $"TryParseList {ok} with {error}");
        (int offset, int length) = item.GetOffsetAndLength(text.Length); // throws when the item is not inside the text
        if (!ok)
        {
            FuzzInvariantException.Check(list.Ranges.Count == 0, $"'{text}' failed with {error} and {list.Ranges.Count} items");
            FuzzInvariantException.Check(
                error != PortSyntaxError.EmptyItem || length == 0,
                $"'{text}': an empty item of {length} characters at {offset}");
            return;
        }

        FuzzInvariantException.Check(list.Ranges.Count is > 0 and <= PortList.MaxItems, $"'{text}' gave {list.Ranges.Count} items");
        FuzzInvariantException.Check(list.Ranges.All(r => r.First > 0 && r.First <= r.Last), $"'{text}' gave {list}");
        bool again = PortSyntax.TryParseList(list.ToString(), out PortList reread, out _, out _);
        FuzzInvariantException.Check(again && reread.Ranges.SequenceEqual(list.Ranges), $"'{list}' (from '{text}') does not read back");
    }
}
