namespace NetProg.Cli.Tests;

/// <summary>
/// The tree CliApp builds for a command line: the whole tree, or (for a start-up's sake) the root with only the command
/// the line names. Both must parse that command the same way.
/// </summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void Should_list_each_command_under_the_name_the_command_itself_has()
    {
        var root = CliApp.Build(new TestConsole());

        Assert.Equal(CliApp.CommandNames, root.Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData("time-client")]
    [InlineData("time-client", "127.0.0.1", "30000")]
    [InlineData("--lang", "ko", "echo-server", "--port", "0")]
    [InlineData("--lang=en", "users", "list")]
    public void Should_build_only_the_named_command_with_the_same_options(params string[] args)
    {
        var full = CliApp.Build(new TestConsole());

        var partial = CliApp.Build(new TestConsole(), args);

        var command = Assert.Single(partial.Subcommands);
        var same = full.Subcommands.Single(c => c.Name == command.Name);
        Assert.Equal(same.Options.Select(o => o.Name), command.Options.Select(o => o.Name));
        Assert.Equal(same.Arguments.Select(a => a.Name), command.Arguments.Select(a => a.Name));
        Assert.Equal(same.Subcommands.Select(c => c.Name), command.Subcommands.Select(c => c.Name));
        Assert.Equal(full.Options.Select(o => o.Name), partial.Options.Select(o => o.Name));
        Assert.DoesNotContain(partial.Parse(args).Errors, e => e.Message.Contains("Unrecognized", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("completion", "bash")]
    [InlineData("time-clinet")]
    [InlineData("--timeout", "1s", "time-client")]
    [InlineData("@args.rsp")]
    [InlineData("[diagram]", "time-client")]
    public void Should_build_the_whole_tree_when_no_command_comes_first(params string[] args)
    {
        var tree = CliApp.Build(new TestConsole(), args);

        Assert.Equal(CliApp.CommandNames, tree.Subcommands.Select(c => c.Name));
    }
}
