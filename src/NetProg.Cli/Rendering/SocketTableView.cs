using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using Spectre.Console;
using Spectre.Console.Rendering;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Rendering;

/// <summary>
/// <c>netprog sockets</c> as a table: the same model for the one-shot table and the <c>--watch</c> live view,
/// where rows are coloured as Sysinternals TCPView does: new green, changed yellow, gone red for one refresh.
/// </summary>
internal static class SocketTableView
{
    /// <summary>
    /// What the process column says when the OS hides the owner (never a failure: psutil gives pid None, giampaolo/psutil#1219).
    /// </summary>
    public const string NeedsAdmin = "needs admin";

    public static IRenderable Render(IReadOnlyList<SocketRow> rows, bool colour)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("proto");
        table.AddColumn(Strings.Sockets_Column_Local);
        table.AddColumn(Strings.Sockets_Column_Remote);
        table.AddColumn(Strings.Sockets_Column_State);
        table.AddColumn(new TableColumn("pid").RightAligned());
        table.AddColumn(Strings.Sockets_Column_Process);
        foreach (var row in rows)
        {
            var style = colour ? Style(row.Change) : null;
            table.AddRow(Cells(row.Entry).Select(text => Cell(text, style)));
        }

        return table;
    }

    /// <summary>The line under the table: how many sockets, and how many owners the OS would not show.</summary>
    public static string Summary(IReadOnlyList<SocketEntry> entries)
    {
        var text = string.Format(Strings.Sockets_Count, entries.Count.ToString(CultureInfo.InvariantCulture));
        var hidden = entries.Count(e => e.OwnerHidden);
        return hidden == 0
            ? text
            : string.Format(Strings.Sockets_Hidden, text, hidden.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The six cells of a row as plain text: tests and the table share them.</summary>
    public static string[] Cells(SocketEntry entry) =>
    [
        Protocol(entry),
        Format(entry.Local),
        entry.Remote is null ? "*:*" : Format(entry.Remote),
        entry.State,
        entry.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        entry.OwnerHidden ? NeedsAdmin : PrintableText.Printable(entry.ProcessName ?? string.Empty),
    ];

    // netstat's and ss's spelling: "tcp6" for an IPv6 socket, even an IPv4-mapped one.
    private static string Protocol(SocketEntry entry) =>
        (entry.Protocol == PortProtocol.Tcp ? "tcp" : "udp") + (entry.Family == AddressFamily.InterNetworkV6 ? "6" : string.Empty);

    // IPEndPoint.ToString() already brackets IPv6 ("[::1]:30001"); "*" for the any-address, as ss prints it.
    private static string Format(IPEndPoint endPoint) =>
        endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)
            ? $"*:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : endPoint.ToString();

    private static string? Style(SocketChange change) => change switch
    {
        SocketChange.Added => "green",
        SocketChange.Changed => "yellow",
        SocketChange.Removed => "red strikethrough",
        _ => null,
    };

    // An uncoloured cell is plain Text: the same characters as escaped Markup, without parsing markup for each of the
    // table's cells (tens of thousands on a busy server).
    private static IRenderable Cell(string text, string? style) =>
        style is null ? new Text(text) : new Markup($"[{style}]{Markup.Escape(text)}[/]");
}
