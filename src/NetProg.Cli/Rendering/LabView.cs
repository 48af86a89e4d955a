using NetProg.Services.Hosting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetProg.Cli.Rendering;

/// <summary>The lab's counters as a table: the same model for the live view and the final summary.</summary>
internal static class LabView
{
    public static IRenderable Render(IReadOnlyList<ServiceHost> hosts, RecentLines? recent)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Strings.Lab_Table_Title);
        table.AddColumn(Strings.Lab_Table_Service);
        table.AddColumn(Strings.Lab_Table_Port);
        table.AddColumn(new TableColumn(Strings.Lab_Table_TcpClients).RightAligned());
        table.AddColumn(new TableColumn(Strings.Lab_Table_OpenNow).RightAligned());
        table.AddColumn(new TableColumn(Strings.Lab_Table_UdpDatagrams).RightAligned());
        table.AddColumn(new TableColumn(Strings.Lab_Table_NotAnswered).RightAligned());
        table.AddColumn(new TableColumn(Strings.Lab_Table_Bytes).RightAligned());
        foreach (var host in hosts)
        {
            var stats = host.Stats;
            table.AddRow(
                host.Listening[0].Service,
                host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                stats.TcpClients.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                stats.ActiveConnections.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                stats.UdpDatagrams.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                (stats.Dropped + stats.Rejected).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                $"{stats.BytesIn:N0} / {stats.BytesOut:N0}");
        }

        if (recent is null)
        {
            return table;
        }

        var lines = recent.Snapshot();
        var log = lines.Count == 0
            ? new Markup($"[grey]{Markup.Escape(Strings.Lab_Waiting)}[/]")
            : (IRenderable)new Rows(lines.Select(l => new Text(l)));
        return new Rows(table, log);
    }
}
