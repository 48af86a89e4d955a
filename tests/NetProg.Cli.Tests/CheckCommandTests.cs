using System.Text.Json;

namespace NetProg.Cli.Tests;

/// <summary><c>netprog check</c>'s command line: its forms, its one-line usage errors, the JSON and the table of many targets.</summary>
public sealed class CheckCommandTests
{
    [Theory]
    [InlineData(new[] { "check", "echo-servr" }, "'echo-servr' is not something check knows; it checks time-server, udp-time-server, echo-server")]
    [InlineData(new[] { "check", "echo-server", "--only", "long-mesage" }, "echo-server has no check 'long-mesage' (did you mean long-message?); its checks: reachable,")]
    [InlineData(new[] { "check", "echo-client" }, "check echo-client runs the client: give it after --, e.g. netprog check echo-client -- ./echo_client {host} {port}")]
    [InlineData(new[] { "check", "time-client", "--", "/bin/true", "127.0.0.1", "30000" }, "the client's arguments have no {port}: put {host} and {port} where it takes its server's address")]
    [InlineData(new[] { "check", "time-client", "127.0.0.1", "--", "/bin/true", "{host}", "{port}" }, "a client is checked against netprog's own test server")]
    [InlineData(new[] { "check", "echo-server", "127.0.0.1", "--targets", "class.txt" }, "--targets checks the servers its file lists: give no HOST, PORT or program with it")]
    [InlineData(new[] { "check", "echo-client", "--targets", "class.txt" }, "--targets lists servers")]
    [InlineData(new[] { "check", "echo-server", "--" }, "nothing after --: give the program to start and its arguments")]
    [InlineData(new[] { "check", "echo-server", "127.0.0.1", "30000", "./echo_server" }, "too many arguments before --: './echo_server' (HOST and PORT at most; a program goes after --)")]
    [InlineData(new[] { "check", "echo-server", "127.0.0.1:30000", "30001" }, "30001")]
    [InlineData(new[] { "check", "echo-server", "127.0.0.1", "30000", "--port", "30001" }, "--port 30001")]
    [InlineData(new[] { "check", "echo-server", "127.0.0.1", "70000" }, "70000")]
    [InlineData(new[] { "check", "echo-server", "--user", "alice" }, "--script, --user and --password-stdin are for check login-server")]
    [InlineData(new[] { "check", "login-server", "--password-stdin" }, "--password-stdin")]
    public async Task Should_say_in_one_line_what_is_wrong_and_exit_2_When_the_command_line_is_wrong(string[] args, string expected)
    {
        // When check is run with a wrong command line
        var (exit, console) = await Cli.RunAsync(["--lang", "en", .. args]);

        // Then one line says what is wrong, exit code 2
        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(console.OutWriter.Text);
    }

    [Fact]
    public async Task Should_name_the_script_s_bad_line_and_exit_1_before_anything_runs_When_the_login_script_is_wrong()
    {
        // Given a transcript with a directive the format does not have on its second line
        var file = Path.Combine(Path.GetTempPath(), $"netprog-login-{Guid.NewGuid():N}.script");
        await File.WriteAllTextAsync(file, "< ^Welcome\nsend hello\n");
        try
        {
            // When a login server is checked with it
            var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "login-server", "--script", file);

            // Then one line names the file and the line, and nothing was checked
            Assert.Equal(1, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.Contains(file, line, StringComparison.Ordinal);
            Assert.Contains("2", line, StringComparison.Ordinal);
            Assert.Empty(console.OutWriter.Text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Should_say_the_program_was_not_found_and_exit_1_When_the_program_after_the_dashes_does_not_exist()
    {
        // When the program to start is not there
        var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "echo-server", "--", "./no_such_echo_server", "30000");

        // Then one line names it, exit code 1
        Assert.Equal(1, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains("no_such_echo_server was not found", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_write_the_report_as_JSON_with_stable_ids_and_exit_1_When_the_server_is_not_reachable()
    {
        // Given a port nothing listens on
        var port = FreePort.Tcp();

        // When check runs its reachability check with --json
        var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "echo-server", "127.0.0.1", Text(port), "--only", "reachable,bulk", "--json", "--timeout", "2s");

        // Then the document names the target, the kind and each check by id, and exit is 1
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(console.OutWriter.Text);
        var root = json.RootElement;
        Assert.Equal($"127.0.0.1:{port}", root.GetProperty("target").GetString());
        Assert.Equal("echo-server", root.GetProperty("kind").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(["reachable", "bulk"], checks.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["fail", "skip"], checks.Select(c => c.GetProperty("verdict").GetString()));
        Assert.Contains("nothing accepts connections", checks[0].GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(checks[0].GetProperty("fix").GetString()));
        Assert.Equal(1, root.GetProperty("summary").GetProperty("failed").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Should_print_one_line_per_check_and_the_summary_When_a_server_is_checked()
    {
        // Given an echo server of netprog's own
        await using var server = await Cli.StartAsync(1, "echo-server", "--port", "0", "--bind", "127.0.0.1");

        // When it is checked for reachability
        var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "echo-server", $"127.0.0.1:{server.Ports[0]}", "--only", "reachable");

        // Then a header, one PASS line and the summary, exit 0
        Assert.Equal(0, exit);
        var lines = console.OutWriter.Lines;
        Assert.Equal($"netprog check echo-server: 127.0.0.1:{server.Ports[0]}", lines[0]);
        Assert.StartsWith("  PASS reachable ", lines[1], StringComparison.Ordinal);
        Assert.Contains($"connected to 127.0.0.1:{server.Ports[0]}", lines[1], StringComparison.Ordinal);
        Assert.Equal("1 passed, 0 warned, 0 failed, 0 skipped", lines[2]);
    }

    [Fact]
    public async Task Should_find_the_port_among_the_program_s_arguments_When_a_program_is_started_after_the_dashes()
    {
        // Given a program that never listens, started with a free port among its arguments
        var port = FreePort.Tcp();

        // When it is checked
        var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "echo-server", "--only", "reachable", "--timeout", "1s", "--", "/bin/sleep", Text(port));

        // Then the report names the command as typed and reachable tried that port
        Assert.Equal(1, exit);
        var lines = console.OutWriter.Lines;
        Assert.Equal($"netprog check echo-server: /bin/sleep {port}", lines[0]);
        Assert.Contains($"127.0.0.1:{port}", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_check_every_listed_server_and_print_one_table_When_given_a_targets_file()
    {
        // Given a file with a comment, two closed ports with labels and a blank line
        var (first, second) = (FreePort.Tcp(), FreePort.Tcp());
        var file = Path.Combine(Path.GetTempPath(), $"netprog-targets-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"# class of 2026\n127.0.0.1:{first} kim\n\n127.0.0.1:{second}   lee team\n");
        try
        {
            // When they are checked, in text and in JSON
            var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "echo-server", "--targets", file, "--only", "reachable", "--timeout", "2s");
            var (jsonExit, jsonConsole) = await Cli.RunAsync("--lang", "en", "check", "echo-server", "--targets", file, "--only", "reachable", "--json", "--timeout", "2s");

            // Then one row per server in the file's order with its label and failed checks, and a summary; exit 1
            Assert.Equal(1, exit);
            var lines = console.OutWriter.Lines;
            Assert.Equal($"netprog check echo-server: 2 servers from {file}", lines[0]);
            Assert.Matches($@"^  127\.0\.0\.1:{first} +kim +0 +0 +1 +0  reachable$", lines[2]);
            Assert.Matches($@"^  127\.0\.0\.1:{second} +lee team +0 +0 +1 +0  reachable$", lines[3]);
            Assert.Equal("0 of 2 servers passed every check that ran", lines[4]);
            Assert.Equal(1, jsonExit);
            using var json = JsonDocument.Parse(jsonConsole.OutWriter.Text);
            var targets = json.RootElement.GetProperty("targets").EnumerateArray().ToArray();
            Assert.Equal(["kim", "lee team"], targets.Select(t => t.GetProperty("label").GetString()));
            Assert.Equal(2, json.RootElement.GetProperty("summary").GetProperty("failed").GetInt32());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Should_name_the_bad_line_and_exit_1_When_the_targets_file_has_a_line_that_is_no_server()
    {
        // Given a file whose second server line has no port
        var file = Path.Combine(Path.GetTempPath(), $"netprog-targets-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "127.0.0.1:30000 kim\n192.168.0.12 lee\n");
        try
        {
            // When it is checked
            var (exit, console) = await Cli.RunAsync("--lang", "en", "check", "echo-server", "--targets", file);

            // Then one line names the file, the line and what it should be
            Assert.Equal(1, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.Equal($"netprog: {file}, line 2: '192.168.0.12 lee' is not HOST:PORT [label]", line);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
