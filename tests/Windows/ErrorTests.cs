using static NetProg.Integration.Tests.Harness.PeerOutput;

namespace NetProg.Windows.Tests;

/// <summary>The errors a Windows student meets first, as the Windows build reports them: the same line as the Linux build's.</summary>
[Collection(WindowsCollection.Name)]
public sealed partial class ErrorTests(WindowsBuild windows, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_print_the_Linux_builds_refused_line_and_exit_1_When_the_Windows_time_client_connects_to_a_closed_port()
    {
        if (windows.Skip(output))
        {
            return;
        }

        string port = Text(FreePort.Tcp());
        using ChildProcess client = windows.Start("time-client", "127.0.0.1", port);
        using ChildProcess linux = NetProgApp.Start("time-client", "127.0.0.1", port);

        await OutputAssert.ExitsWithAsync(client, 1);
        await OutputAssert.ExitsWithAsync(linux, 1);
        string line = OutputAssert.SingleErrorLine(client);
        Assert.StartsWith($"netprog: connection refused by 127.0.0.1:{port}/tcp", line, StringComparison.Ordinal);
        Assert.Equal(OutputAssert.SingleErrorLine(linux), line);
        Assert.Empty(client.StdoutBytes);
        OutputAssert.NoStackTrace(client);
    }

    [Fact]
    public async Task Should_say_the_port_is_already_in_use_and_exit_1_When_a_second_Windows_server_takes_the_same_port()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using NetProgServer first = await windows.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1");
        using ChildProcess second = windows.Start("time-server", "--port", Text(first.Port), "--bind", "127.0.0.1");

        await OutputAssert.ExitsWithAsync(second, 1);
        string line = OutputAssert.SingleErrorLine(second);
        Match match = InUseLine().Match(line);
        Assert.True(match.Success, $"not the port-in-use line: '{line}'\n{second.Describe()}");
        Assert.Equal(Text(first.Port), match.Groups["port"].Value);

        // The Linux build names the owner ("in use by netprog (pid N)"), from the socket table; the Windows build can only
        // when its socket table has owners (GetExtendedTcpTable's owning pid; see the sockets -l test).
        if (match.Groups["owner"].Success)
        {
            Assert.Equal("netprog", match.Groups["name"].Value);
        }
        else
        {
            output.WriteLine($"note: the Windows build did not name the port's owner: {line}");
        }

        Assert.False(first.Process.HasExited, first.Process.Describe());
        OutputAssert.NoStackTrace(second);
    }

    [GeneratedRegex(@"^netprog: port (?<port>\d+)/tcp is already in use(?<owner> by (?<name>\S+) \(pid \d+\))?: another server is listening there\. Stop it, or choose another port with --port\.$")]
    private static partial Regex InUseLine();
}
