using NetProg.Services.Check;
using NetProg.Services.Check.Local;
using static NetProg.Integration.Tests.Check.LocalCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>The program the checker starts: its whole process group stopped, how it ended, one line when it cannot start.</summary>
public sealed partial class LocalProgramTests(CheckC programs) : IClassFixture<CheckC>
{
    [Fact]
    public async Task Should_leave_no_process_When_a_fork_server_with_children_serving_clients_is_stopped()
    {
        // Given the fork server, started on port 0, with three clients connected and served (one child each)
        await using TargetProgram program = TargetProgram.Start(programs.PathOf("local_echo_ok"), ["0"]);
        int port = await PortOfAsync(program);
        List<Socket> clients = [];
        try
        {
            for (int i = 0; i < 3; i++)
            {
                clients.Add(await EchoedClientAsync(port));
            }

            IReadOnlyList<int> group = program.ProcessIds();
            Assert.Equal(4, group.Count);

            // When it is stopped
            await program.StopAsync(TimeSpan.FromSeconds(2));

            // Then the parent and every child are gone (a zombie left for init to reap holds nothing and does not count)
            Assert.Empty(program.ProcessIds());
            Assert.All(group, pid => Assert.True(ProcStat.Read(pid) is null or { State: 'Z' or 'X' }, $"process {pid} is still there"));
            Assert.True(program.StoppedByNetprog);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Should_kill_children_that_ignore_SIGTERM_When_the_program_is_stopped()
    {
        // Given a shell that ignores SIGTERM and two children that inherit that (signal(7): ignored dispositions survive execve)
        await using TargetProgram program = TargetProgram.Start("/bin/sh", ["-c", "trap '' TERM; sleep 60 & sleep 60 & echo started; wait"]);
        Assert.True(await program.Stdout.WaitForAsync(b => Encoding.ASCII.GetString(b.Span).Contains("started", StringComparison.Ordinal), Waits.Line, CancellationToken.None));
        Assert.True(program.ProcessIds().Count >= 3);

        // When it is stopped with a short grace
        await program.StopAsync(TimeSpan.FromMilliseconds(500));

        // Then SIGKILL took the whole group
        Assert.Empty(program.ProcessIds());
        Assert.True(program.HasExited);
    }

    [Fact]
    public async Task Should_report_the_signal_When_the_program_is_killed_by_SIGSEGV()
    {
        // Given the server that segfaults on a line without "\r\n"
        await using TargetProgram program = TargetProgram.Start(programs.PathOf("local_echo_segv"), ["0"]);
        int port = await PortOfAsync(program);

        // When it gets such a line
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            await client.SendAsync("boom\n"u8.ToArray());
            Assert.True(await program.WaitForExitAsync(Waits.Exit, CancellationToken.None));
        }

        // Then it ended by signal 11 on its own, and what it wrote on stderr is kept
        Assert.Equal(SignalNames.Segv, program.Signal);
        Assert.Equal("SIGSEGV", SignalNames.Name(program.Signal!.Value));
        Assert.False(program.StoppedByNetprog);
        Assert.Equal("'received 5 bytes'", LocalPreview.LastLines(program.Stderr));
    }

    [Fact]
    public async Task Should_start_a_new_run_with_its_own_output_When_the_program_is_started_again()
    {
        // Given a started server, stopped
        await using TargetProgram program = TargetProgram.Start(programs.PathOf("local_echo_ok"), ["0"]);
        int first = await PortOfAsync(program);
        int firstId = program.ProcessId;
        Assert.Throws<InvalidOperationException>(program.StartAgain);
        await program.StopAsync(TimeSpan.FromSeconds(2));

        // When it is started again
        program.StartAgain();

        // Then it is a new process with fresh output and a cleared stop flag
        int second = await PortOfAsync(program);
        Assert.NotEqual(firstId, program.ProcessId);
        Assert.Equal(2, program.Runs);
        Assert.False(program.StoppedByNetprog);
        Assert.False(program.HasExited);
        Assert.Single(program.Stdout.LastLines(), l => l.StartsWith("port ", StringComparison.Ordinal));
        Assert.True(first > 0 && second > 0);
    }

    [Fact]
    public void Should_throw_one_line_When_the_program_does_not_exist_or_is_not_executable()
    {
        // Given a path with nothing there, and a file without an execute bit
        string missing = Path.Combine(Path.GetTempPath(), "netprog-missing-" + Guid.NewGuid().ToString("N"), "echo_server");
        string plain = Path.Combine(Path.GetTempPath(), "netprog-plain-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(plain, "int main;");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // When they are started
            CheckException notFound = Assert.Throws<CheckException>(() => TargetProgram.Start(missing, []));
            CheckException notExecutable = Assert.Throws<CheckException>(() => TargetProgram.Start(plain, []));

            // Then each is one line saying what to do
            Assert.Equal("echo_server was not found: give its path (e.g. ./echo_server) and build it first", notFound.Message);
            Assert.Equal($"{plain} is not executable: chmod +x {plain}", notExecutable.Message);
        }
        finally
        {
            File.Delete(plain);
        }
    }

    private static async Task<int> PortOfAsync(TargetProgram program)
    {
        Match? match = null;
        Assert.True(await program.Stdout.WaitForAsync(b => (match = PortLine().Match(Encoding.ASCII.GetString(b.Span))).Success, Waits.Line, CancellationToken.None), "no port line");
        return int.Parse(match!.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<Socket> EchoedClientAsync(int port)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await client.SendAsync("hi\n"u8.ToArray());
        var buffer = new byte[3];
        int got = 0;
        using var deadline = new CancellationTokenSource(Waits.Line);
        while (got < buffer.Length)
        {
            got += await client.ReceiveAsync(buffer.AsMemory(got), deadline.Token);
        }

        return client;
    }

    [GeneratedRegex(@"port (\d+)\n")]
    private static partial Regex PortLine();
}
