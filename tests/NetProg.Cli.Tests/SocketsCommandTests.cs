using System.CommandLine;
using System.Text.Json;
using NetProg.Cli.Commands;
using NetProg.Cli.Infrastructure;
using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Cli.Tests;

/// <summary><c>netprog sockets</c> in-process: our own loopback server shows up with our pid (the issue's test).</summary>
public sealed class SocketsCommandTests
{
    [Fact]
    public async Task Should_show_our_own_listener_with_our_pid()
    {
        // Given a TCP listener of this process on 127.0.0.1, port 0
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // When netprog sockets --listening --tcp --port P runs (TCP only: a UDP socket of another process may hold the same number)
        var (exit, console) = await RunAsync(new TestConsole(), null, "sockets", "--listening", "--tcp", "--port", Port(port));

        // Then one row shows it, LISTEN, with this process's pid
        Assert.Equal(0, exit);
        var row = Assert.Single(console.OutWriter.Lines, l => l.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.Matches($@"^\s*tcp\s+127\.0\.0\.1:{port}\s+\*:\*\s+LISTEN\s+{Environment.ProcessId}\s+\S+", row);
        Assert.Contains(console.OutWriter.Lines, l => l.Trim() == "1 socket(s)");
        Assert.Empty(console.ErrorWriter.Text);
    }

    [Fact]
    public async Task Should_print_parsable_json_with_our_pid()
    {
        // Given a TCP listener and a UDP socket of this process on the same port number
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // When netprog sockets --tcp --port P --json runs
        var (exit, console) = await RunAsync(new TestConsole(), null, "sockets", "--tcp", "--port", Port(port), "--json");

        // Then the output is one JSON document with the documented shape
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(console.OutWriter.Text);
        var socket = Assert.Single(document.RootElement.GetProperty("sockets").EnumerateArray(), s => s.GetProperty("state").GetString() == "LISTEN");
        Assert.Equal("tcp", socket.GetProperty("protocol").GetString());
        Assert.Equal("ipv4", socket.GetProperty("family").GetString());
        Assert.Equal("127.0.0.1", socket.GetProperty("localAddress").GetString());
        Assert.Equal(port, socket.GetProperty("localPort").GetInt32());
        Assert.Equal(JsonValueKind.Null, socket.GetProperty("remoteAddress").ValueKind);
        Assert.Equal(JsonValueKind.Null, socket.GetProperty("remotePort").ValueKind);
        Assert.Equal(Environment.ProcessId, socket.GetProperty("pid").GetInt32());
        Assert.Equal(JsonValueKind.String, socket.GetProperty("processName").ValueKind);
        Assert.False(socket.GetProperty("ownerHidden").GetBoolean());
    }

    [Fact]
    public async Task Should_say_needs_admin_for_a_hidden_owner_and_still_exit_0()
    {
        // Given a table where the OS hid one socket's owner (another user's process, no root)
        var hidden = new SocketEntry(PortProtocol.Tcp, new IPEndPoint(IPAddress.Any, 22), null, SocketStates.Listen, null, null, OwnerHidden: true);
        var own = new SocketEntry(PortProtocol.Udp, new IPEndPoint(IPAddress.IPv6Any, 30002), null, SocketStates.Unconnected, 42, "netprog", false);

        // When the table is shown
        var (exit, console) = await RunAsync(new TestConsole(), new FixedTable(own, hidden), "sockets");

        // Then the row is there with "needs admin", sorted tcp first, and the summary says why
        Assert.Equal(0, exit);
        var rows = console.OutWriter.Lines.Where(l => l.Contains(":22", StringComparison.Ordinal) || l.Contains(":30002", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Matches(@"^\s*tcp\s+\*:22\s+\*:\*\s+LISTEN\s+needs admin", rows[0]);
        Assert.Matches(@"^\s*udp6\s+\*:30002\s+\*:\*\s+UNCONN\s+42\s+netprog", rows[1]);
        Assert.Contains("2 socket(s); the owner of 1 is hidden", console.OutWriter.Text);
        Assert.Empty(console.ErrorWriter.Text);
    }

    [Fact]
    public async Task Should_print_one_snapshot_and_exit_0_when_watching_redirected_output()
    {
        // Given output that is not a terminal (TestConsole.IsOutputInteractive is false)
        var table = new FixedTable(new SocketEntry(PortProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 30000), null, SocketStates.Listen, 7, "x", false));

        // When --watch runs, Then it returns by itself with one table
        var (exit, console) = await RunAsync(new TestConsole(), table, "sockets", "--watch");

        Assert.Equal(0, exit);
        Assert.Single(console.OutWriter.Lines, l => l.Contains("127.0.0.1:30000", StringComparison.Ordinal));
        Assert.Equal(1, table.Calls);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    public async Task Should_refuse_an_invalid_port_as_usage(string port)
    {
        var (exit, console) = await RunAsync(new TestConsole(), new FixedTable(), "sockets", "--port", port);

        Assert.Equal(2, exit);
        Assert.StartsWith("netprog: ", Assert.Single(console.ErrorWriter.Lines));
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs through <see cref="CliApp.RunAsync"/> with the real table; with a given table (for what a root user cannot see
    /// for real, such as hidden owners), through a root holding only this command, invoked with CliApp's settings.
    /// </summary>
    private static async Task<(int Exit, TestConsole Console)> RunAsync(TestConsole console, ISocketTable? table, params string[] args)
    {
        if (table is null)
        {
            return (await CliApp.RunAsync(args, console, CancellationToken.None).WaitAsync(Cli.Timeout), console);
        }

        var root = new RootCommand { table is null ? SocketsCommand.Create(console) : SocketsCommand.Create(console, () => table) };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return (CommandRunner.Fail(console, parse.Errors[0].Message, ExitCode.Usage), console);
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        return (await parse.InvokeAsync(configuration, CancellationToken.None).WaitAsync(Cli.Timeout), console);
    }

    private sealed class FixedTable(params SocketEntry[] entries) : ISocketTable
    {
        public int Calls { get; private set; }

        public IReadOnlyList<SocketEntry> Snapshot()
        {
            Calls++;
            return SocketOrder.Sort(entries);
        }
    }
}
