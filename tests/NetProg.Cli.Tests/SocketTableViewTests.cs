using System.Net;
using NetProg.Cli.Rendering;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetProg.Cli.Tests;

/// <summary>The socket table's text: uncoloured cells are plain Text, which must print exactly as escaped Markup did.</summary>
public sealed class SocketTableViewTests
{
    [Fact]
    public void Should_print_plain_cells_exactly_as_escaped_markup_would()
    {
        // Given rows whose process names hold markup brackets, wide (Korean) characters and an empty name
        SocketEntry[] entries =
        [
            new(PortProtocol.Tcp, new IPEndPoint(IPAddress.Any, 30000), null, SocketStates.Listen, 42, "[red]x[/]", false),
            new(PortProtocol.Udp, new IPEndPoint(IPAddress.IPv6Any, 30002), null, SocketStates.Unconnected, 7, "서버", false),
            new(PortProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 40000), new IPEndPoint(IPAddress.Loopback, 30000), SocketStates.TimeWait, null, null, false),
        ];
        var rows = SocketDiff.Compare(entries, entries);

        // When the view renders them, and the same table is built with a Markup per cell
        var markup = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "proto", Strings.Sockets_Column_Local, Strings.Sockets_Column_Remote, Strings.Sockets_Column_State })
        {
            markup.AddColumn(column);
        }

        markup.AddColumn(new TableColumn("pid").RightAligned());
        markup.AddColumn(Strings.Sockets_Column_Process);
        foreach (var row in rows)
        {
            markup.AddRow(SocketTableView.Cells(row.Entry).Select(text => new Markup(Markup.Escape(text))));
        }

        // Then the text is the same, character for character
        Assert.Equal(Print(markup), Print(SocketTableView.Render(rows, colour: false)));
    }

    private static string Print(IRenderable renderable)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        console.Profile.Width = 200;
        console.Write(renderable);
        return writer.ToString();
    }
}
