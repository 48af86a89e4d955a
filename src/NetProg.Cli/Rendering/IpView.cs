using NetProg.Diagnostics.Interfaces;
using Spectre.Console;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Rendering;

/// <summary>The interfaces as a table: one row per address, the interface's own columns on its first row.</summary>
internal static class IpView
{
    public static void Write(TextWriter output, InterfaceList list)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(Strings.Ip_Column_Interface);
        table.AddColumn(Strings.Ip_Column_State);
        table.AddColumn(new TableColumn("mtu").RightAligned());
        table.AddColumn("mac");
        table.AddColumn(Strings.Ip_Column_Address);
        table.AddColumn(Strings.Ip_Column_Meaning);
        foreach (var nic in list.Interfaces)
        {
            var first = true;
            foreach (var address in nic.Addresses.DefaultIfEmpty())
            {
                table.AddRow(
                    first ? Markup.Escape(PrintableText.Printable(nic.Name)) : string.Empty,
                    first ? State(nic.State) : string.Empty,
                    first ? nic.Mtu?.ToString(CultureInfo.InvariantCulture) ?? "-" : string.Empty,
                    first ? nic.Mac ?? "-" : string.Empty,
                    address is null ? Strings.Ip_NoAddress : Markup.Escape(Format(address)),
                    address is null ? string.Empty : Markup.Escape(Meaning(address.Label)));
                first = false;
            }
        }

        // Plain text when redirected or in tests: Spectre's ANSI codes would end up in files and pipes.
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        // Redirected output has no terminal width; Spectre assumes 80 and would wrap MACs and IPv6 addresses mid-word.
        ansi.Profile.Width = Math.Max(ansi.Profile.Width, 160);
        ansi.Write(table);
        if (list.Reason is not null)
        {
            output.WriteLine(string.Format(Strings.Note, list.Reason));
        }
    }

    public static string State(InterfaceState state) => state switch
    {
        InterfaceState.Up => Strings.Ip_State_Up,
        InterfaceState.Down => Strings.Ip_State_Down,
        _ => Strings.Ip_State_Unknown,
    };

    /// <summary>"192.0.2.2/24", or the bare address when the OS did not report the prefix.</summary>
    public static string Format(InterfaceAddress address) =>
        address.PrefixLength < 0 ? address.Address.ToString() : $"{address.Address}/{address.PrefixLength}";

    private static string Meaning(AddressLabel label) => label.Note is null ? label.Text : $"{label.Text}; {label.Note}";
}
