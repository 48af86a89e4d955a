using System.Globalization;

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
    /// Parses <c>PORT</c> or <c>FIRST-LAST</c>. Port 0 ("any free port") is accepted only alone and only when
    /// <paramref name="allowZero"/>: a range of "any" ports means nothing. On failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string text, bool allowZero, out PortRange range, out string error)
    {
        range = default;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!TryParsePort(text, out var port) || (port == 0 && !allowZero))
            {
                error = string.Format(Strings.Port_Invalid, text, allowZero ? 0 : 1);
                return false;
            }

            range = new PortRange(port, port);
            error = string.Empty;
            return true;
        }

        var firstText = text[..dash];
        var lastText = text[(dash + 1)..];
        if (!TryParsePort(firstText, out var first) || !TryParsePort(lastText, out var last) || first == 0)
        {
            error = string.Format(Strings.Range_Invalid, text);
            return false;
        }

        if (last < first)
        {
            error = string.Format(Strings.Range_Reversed, text, last, first);
            return false;
        }

        range = new PortRange(first, last);
        error = string.Empty;
        return true;
    }

    public override string ToString() => IsSinglePort
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}
