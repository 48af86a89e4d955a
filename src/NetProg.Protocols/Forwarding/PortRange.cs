using NetProg.Protocols.Ports;

namespace NetProg.Protocols.Forwarding;

/// <summary>
/// A run of consecutive ports, <c>30000</c> or <c>30000-40000</c>, as a home router's port-forwarding page takes them
/// ("external port 30000 ~ 40000"). Both ends are included.
/// </summary>
public readonly record struct PortRange
{
    public PortRange(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        First = first;
        Last = last;
    }

    public int First { get; }

    public int Last { get; }

    /// <summary>How many ports: 10,001 for 30000-40000.</summary>
    public int Count => Last - First + 1;

    public bool IsSinglePort => First == Last;

    public bool Contains(int port) => port >= First && port <= Last;

    public bool Overlaps(PortRange other) => First <= other.Last && other.First <= Last;

    public IEnumerable<int> Ports => Enumerable.Range(First, Count);

    /// <summary>
    /// Parses <c>PORT</c> or <c>FIRST-LAST</c> as <see cref="PortSyntax.TryParseRange"/> does. Port 0 ("any free port") is
    /// accepted only alone and only when <paramref name="allowZero"/>: a range of "any" ports means nothing. On failure
    /// <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string text, bool allowZero, out PortRange range, out string error)
    {
        if (PortSyntax.TryParseRange(text, allowZero, out range, out var kind))
        {
            error = string.Empty;
            return true;
        }

        error = kind switch
        {
            PortSyntaxError.BadRange => string.Format(Strings.Range_Invalid, text),
            PortSyntaxError.Reversed => string.Format(Strings.Range_Reversed, text, range.First, range.Last),
            _ => string.Format(Strings.Port_Invalid, text, allowZero ? 0 : 1),
        };
        range = default;
        return false;
    }

    public override string ToString() => IsSinglePort
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
