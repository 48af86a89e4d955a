using NetProg.Protocols.Ports;

namespace NetProg.Services.Check;

/// <summary>
/// Reads a <c>--targets</c> file: one <c>HOST:PORT [label]</c> per line (<c>[v6]:PORT</c> for IPv6), blank lines and
/// lines starting with <c>#</c> skipped. Pure: the caller reads the file within its size bound.
/// </summary>
public static class CheckTargetList
{
    /// <summary>The most servers one file may list: a class, not a scan.</summary>
    public const int MaxTargets = 500;

    /// <summary>The longest label kept (a longer one is cut): it is a name in a table.</summary>
    public const int MaxLabelLength = 40;

    /// <summary>
    /// The targets, or the first bad line: its number (1-based) and the line as written (cut at 80 characters).
    /// More than <see cref="MaxTargets"/> is reported as <c>TooMany</c>.
    /// </summary>
    public static (IReadOnlyList<CheckTarget> Targets, (int Line, string Text)? Bad, bool TooMany) Parse(string text)
    {
        var targets = new List<CheckTarget>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var address = space < 0 ? line : line[..space];
            var label = space < 0 ? null : line[(space + 1)..].Trim();
            if (!TrySplit(address, out var host, out var port))
            {
                return (targets, (number, line.Length > 80 ? line[..80] + "…" : line), false);
            }

            if (targets.Count == MaxTargets)
            {
                return (targets, null, true);
            }

            label = label is { Length: > MaxLabelLength } ? label[..MaxLabelLength] : label;
            targets.Add(new CheckTarget(host, port, string.IsNullOrEmpty(label) ? null : label, number));
        }

        return (targets, null, false);
    }

    /// <summary><c>HOST:PORT</c> or <c>[v6]:PORT</c>, port 1-65535, host without spaces or control characters.</summary>
    internal static bool TrySplit(string text, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        int colon;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 2 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                return false;
            }

            host = text[1..close];
            colon = close + 1;
        }
        else
        {
            colon = text.LastIndexOf(':');
            if (colon <= 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                return false;
            }

            host = text[..colon];
        }

        return host.All(c => !char.IsControl(c) && !char.IsWhiteSpace(c))
            && PortSyntax.TryParsePort(text.AsSpan(colon + 1), allowZero: false, out port, out _);
    }
}
