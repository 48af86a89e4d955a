using System.Globalization;

namespace NetProg.Diagnostics.Internal;

/// <summary>
/// Parses Windows <c>netstat -ano</c> rows:
/// <c>TCP 0.0.0.0:30000 0.0.0.0:0 LISTENING 1234</c> and <c>UDP [::]:30000 *:* 1234</c> (UDP has no state column).
/// </summary>
internal static class NetstatParser
{
    /// <summary>Returns the distinct pids, ascending, of TCP listeners or UDP sockets on local <paramref name="port"/>.</summary>
    public static IReadOnlyList<int> ParseProcessIds(string netstatText, PortProtocol protocol, int port)
    {
        var protocolName = protocol == PortProtocol.Tcp ? "TCP" : "UDP";
        var portSuffix = ":" + port.ToString(CultureInfo.InvariantCulture);
        var pids = new SortedSet<int>();

        foreach (var rawLine in netstatText.Split('\n'))
        {
            var columns = rawLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            // Headers and the "Active Connections" title are localized ("활성 연결"), but the Proto column
            // values are not, so rows are recognised by it. IPv4 and IPv6 rows both say TCP / UDP.
            if (columns.Length < 4 || !string.Equals(columns[0], protocolName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // "0.0.0.0:30000", "[::]:30000" and "[fe80::1%12]:30000" all end in ":30000"; the colon keeps port 30
            // from matching "1.2.3.4:130".
            if (!columns[1].EndsWith(portSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (protocol == PortProtocol.Tcp && !IsListening(columns))
            {
                continue;
            }

            if (int.TryParse(columns[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                pids.Add(pid);
            }
        }

        return [.. pids];
    }

    // The State column is localized on some Windows languages (German shows "ABHÖREN"), so also accept the
    // locale-free sign of a listener: its foreign address has port 0 ("0.0.0.0:0", "[::]:0"). Without -q,
    // netstat never prints BOUND sockets, the only other rows with a zero foreign port.
    private static bool IsListening(string[] columns) =>
        columns.Length >= 5
        && (string.Equals(columns[3], "LISTENING", StringComparison.OrdinalIgnoreCase)
            || columns[2].EndsWith(":0", StringComparison.Ordinal));
}
