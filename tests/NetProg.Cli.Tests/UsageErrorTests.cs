namespace NetProg.Cli.Tests;

/// <summary>A wrong command line: one line on stderr saying what is wrong and where to look, exit code 2, no stack trace.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("invalid port '99999'", "time-client", "127.0.0.1", "99999")]
    [InlineData("invalid port 'abc'", "time-client", "127.0.0.1", "abc")]
    [InlineData("invalid port '0'", "echo-client", "127.0.0.1", "0")]
    [InlineData("invalid port '-1'", "time-server", "--port", "-1")]
    [InlineData("invalid port '70000'", "echo-server", "--port", "70000")]
    [InlineData("invalid --format 'http'", "time-server", "--format", "http")]
    [InlineData("invalid --engine 'io_uring'. Use auto, epoll or sockets.", "echo-server", "--engine", "io_uring")]
    [InlineData("invalid time for --timeout: '5x'", "time-client", "--timeout", "5x")]
    [InlineData("invalid time for --idle-timeout: '0'", "echo-server", "--idle-timeout", "0")]
    [InlineData("invalid value for --max-connections: '0'", "echo-server", "--max-connections", "0")]
    [InlineData("--bogus", "time-server", "--bogus")]
    [InlineData("netprog lab --help", "lab", "extra")]
    [InlineData("invalid port 65535 for lab", "lab", "--port", "65535")]
    [InlineData("invalid IPv4 address '999.1.1.1'", "time-client", "999.1.1.1")]
    [InlineData("invalid IPv4 address '1.2.3'", "time-server", "--bind", "1.2.3")]
    [InlineData("invalid IPv6 address ':::1'", "echo-client", ":::1")]
    [InlineData("invalid host name 'a b'", "echo-client", "a b")]
    [InlineData("unknown option '--bogus'", "time-client", "--bogus")]
    [InlineData("unknown option '-x'", "echo-client", "-x", "127.0.0.1")]
    [InlineData("unknown option '--verbose'", "doctor", "--verbose")]
    public async Task Should_exit_2_with_one_line_for_a_bad_command_line(string expected, params string[] args)
    {
        // When
        var (exit, console) = await Cli.RunAsync(args);

        // Then
        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.StartsWith("netprog: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", console.ErrorWriter.Text);
        Assert.Empty(console.OutWriter.Text);
    }

    [Theory]
    [InlineData("'30000': the port is an option here, not an argument: use 'netprog time-server --port 30000'. See 'netprog time-server --help'.", "time-server", "30000")]
    [InlineData("use 'netprog echo-server --port 30001'. See 'netprog echo-server --help'.", "echo-server", "30001")]
    [InlineData("use 'netprog lab --port 40000'. See 'netprog lab --help'.", "lab", "40000")]
    [InlineData("unknown command 'time-clinet' (did you mean time-client?). See 'netprog --help'.", "time-clinet")]
    [InlineData("unknown command 'users lst' (did you mean users list?). See 'netprog users --help'.", "users", "lst")]
    [InlineData("unknown command 'bench ech' (did you mean bench echo?). See 'netprog bench --help'.", "bench", "ech")]
    [InlineData("unknown command 'time' (did you mean time-client or time-server?)", "time")]
    [InlineData("unknown command 'xyzzy' (the commands: lab, time-server, time-client,", "xyzzy")]
    [InlineData("'netprog users add' needs NAME. See 'netprog users add --help'.", "users", "add")]
    [InlineData("too many arguments: '7' is one too many ('netprog bench echo' takes [HOST] [PORT]). See 'netprog bench echo --help'.", "bench", "echo", "127.0.0.1", "30001", "7")]
    [InlineData("too many arguments: 'c' is one too many ('netprog time-client' takes [HOST] [PORT])", "time-client", "a", "1", "c", "d")]
    [InlineData("unexpected argument 'now': 'netprog time-server' takes options only", "time-server", "now")]
    [InlineData("'netprog forward' needs --listen [ADDR:]PORT[-PORT]. See 'netprog forward --help'.", "forward")]
    [InlineData("--listen needs a value: --listen [ADDR:]PORT[-PORT]", "forward", "--to", "10.0.0.5", "--listen")]
    [InlineData("-p needs a value: -p PORT. See 'netprog echo-server --help'.", "echo-server", "-p")]
    [InlineData("--port is given 2 times: give it once", "time-server", "--port", "1", "--port", "2")]
    [InlineData("unknown option '--prot' (did you mean --port?). See 'netprog time-server --help'.", "time-server", "--prot", "1")]
    [InlineData("unknown option '--nothing-like-it'. See 'netprog ip --help'.", "ip", "--nothing-like-it")]
    [InlineData("unknown option '--timout' (did you mean --timeout?). See 'netprog time-client --help'.", "time-client", "--timout", "1s")]
    [InlineData("unknown option '--idle-timout' (did you mean --idle-timeout?). See 'netprog time-server --help'.", "time-server", "--idle-timout", "1m")]
    [InlineData("unknown option '-x'. See 'netprog echo-client --help'.", "echo-client", "-x", "127.0.0.1")]
    [InlineData("'netprog completion' needs SHELL", "completion")]
    [InlineData("unknown shell 'fish': choose bash, zsh or pwsh (PowerShell). See 'netprog completion --help'.", "completion", "fish")]
    [InlineData("cannot read the response file 'no-such-file.rsp'", "@no-such-file.rsp")]
    [InlineData("--version takes nothing else: netprog --version. See 'netprog --help'.", "--version", "--lang", "en")]
    public async Task Should_say_what_is_wrong_in_netprog_s_words_and_point_at_the_whole_command(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(["--lang", "en", .. args]);

        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains(expected, line);
        AssertNoParserWording(line);
    }

    [Theory]
    [InlineData("Commands:", "--lang", "en")]
    [InlineData("add NAME", "users")]
    [InlineData("echo [HOST] [PORT]", "bench")]
    public async Task Should_print_the_command_list_and_exit_0_When_a_command_group_is_given_alone(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(args.Contains("--lang") ? args : ["--lang", "en", .. args]);

        Assert.Equal(0, exit);
        Assert.Contains(expected, console.OutWriter.Text);
        Assert.Empty(console.ErrorWriter.Text);
    }

    [Fact]
    public async Task Should_print_the_command_list_and_exit_0_When_no_command_is_given()
    {
        var (exit, console) = await Cli.RunAsync();

        Assert.Equal(0, exit);
        Assert.Contains("time-client", console.OutWriter.Text);
        Assert.Empty(console.ErrorWriter.Text);
    }

    [Fact]
    public async Task Should_name_an_unknown_option_of_a_command_group()
    {
        var (exit, console) = await Cli.RunAsync("--lang", "en", "users", "--help-me");

        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--help-me'", Assert.Single(console.ErrorWriter.Lines));
    }

    /// <summary>System.CommandLine's own messages, in English and in its Korean translation.</summary>
    internal static void AssertNoParserWording(string line)
    {
        string[] parser =
        [
            "Unrecognized command", "Required command", "Required argument", "is required", "expects a single argument",
            "Cannot parse argument", "Response file", "cannot be combined", "인식할 수 없는", "필수 명령", "필수 인수", "See 'netprog add", "See 'netprog echo --help'",
        ];
        Assert.DoesNotContain(parser, p => line.Contains(p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_print_help_and_exit_0()
    {
        var (exit, console) = await Cli.RunAsync("time-client", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--timeout", console.OutWriter.Text);
        Assert.Contains("HOST", console.OutWriter.Text);
    }
}
