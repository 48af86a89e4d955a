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

    [Fact]
    public async Task Should_exit_2_when_no_command_is_given()
    {
        var (exit, console) = await Cli.RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("netprog --help", Assert.Single(console.ErrorWriter.Lines));
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
