using NetProg.Diagnostics.Routes;
using Spectre.Console;

namespace NetProg.Cli.Rendering;

/// <summary>The routing table like <c>netstat -nr</c>: IPv4 then IPv6, "default" destinations, "on-link" for no gateway.</summary>
internal static class RouteView
{
    public static void Write(TextWriter output, RouteTableSnapshot snapshot)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        // Redirected output has no terminal width; Spectre assumes 80 and would wrap MACs and IPv6 addresses mid-word.
        ansi.Profile.Width = Math.Max(ansi.Profile.Width, 160);
        foreach (var (family, title) in new[] { (AddressFamily.InterNetwork, "IPv4"), (AddressFamily.InterNetworkV6, "IPv6") })
        {
            var routes = snapshot.Routes.Where(r => r.Family == family).ToList();
            if (routes.Count == 0)
            {
                continue;
            }

            output.WriteLine(string.Format(Strings.Route_Title, title));
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn(Strings.Route_Column_Destination);
            table.AddColumn(Strings.Route_Column_Gateway);
            table.AddColumn(Strings.Route_Column_Flags);
            table.AddColumn(Strings.Route_Column_Interface);
            table.AddColumn(new TableColumn(Strings.Route_Column_Metric).RightAligned());
            foreach (var route in routes)
            {
                table.AddRow(
                    Markup.Escape(Destination(route)),
                    Markup.Escape(Gateway(route)),
                    Markup.Escape(route.Flags),
                    Markup.Escape(route.Interface),
                    route.Metric?.ToString(CultureInfo.InvariantCulture) ?? "-");
            }

            ansi.Write(table);
        }

        // The line a student looks for: where traffic to the internet goes.
        var defaults = snapshot.Routes.Where(r => r.IsDefault && r.Gateway is not null).Select(r => $"{r.Gateway} ({r.Interface})").Distinct().ToList();
        output.WriteLine(defaults.Count == 0
            ? Strings.Route_NoDefault
            : string.Format(Strings.Route_Default, string.Join(", ", defaults)));
        output.WriteLine(string.Format(Strings.Route_Source, snapshot.Source));
        if (snapshot.Reason is not null)
        {
            output.WriteLine(string.Format(Strings.Note, snapshot.Reason));
        }
    }

    /// <summary>"default" for 0.0.0.0/0 and ::/0, else "network/prefix".</summary>
    public static string Destination(RouteEntry route) => route.IsDefault ? "default" : $"{route.Destination}/{route.PrefixLength}";

    /// <summary>The next hop, or "on-link" when the destination is reached directly on the interface.</summary>
    public static string Gateway(RouteEntry route) => route.Gateway is null ? "on-link" : (route.IsDefault ? "* " : string.Empty) + route.Gateway;
}
