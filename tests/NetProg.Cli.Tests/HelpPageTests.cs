using System.CommandLine;
using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Tests;

/// <summary>
/// Every <c>--help</c> page is netprog's: headings and the built-in options in the UI language, each default once and as
/// the user types it, an Examples section, and short forms that mean one thing in the whole tree.
/// </summary>
public sealed partial class HelpPageTests
{
    /// <summary>Every command's words after <c>netprog</c>, the root's being empty.</summary>
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        foreach (var command in All(CliApp.Build(new TestConsole())))
        {
            data.Add(CommandPath.Words(command));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Should_show_examples_of_the_command_itself(string path)
    {
        foreach (var (lang, heading) in new[] { ("en", "Examples:") })
        {
            var (exit, console) = await Cli.RunAsync(["--lang", lang, .. Words(path), "--help"]);

            Assert.Equal(0, exit);
            var examples = console.OutWriter.Text.Split(heading + Environment.NewLine) is [_, var rest] ? rest : "";
            var lines = examples.Split(Environment.NewLine).TakeWhile(l => l.Length > 0).ToArray();
            Assert.NotEmpty(lines);
            // A note, then the command line it is about.
            Assert.All(lines.Where((_, i) => i % 2 == 0), l => Assert.StartsWith("  # ", l, StringComparison.Ordinal));
            Assert.All(lines.Where((_, i) => i % 2 == 1), l => Assert.Contains($"netprog {path}".TrimEnd(), l, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("time-server", "Default: 5m.", "00:05:00")]
    [InlineData("time-server", "Default: ctime.", "Ctime")]
    [InlineData("time-server", "Default: 30000.", "[default")]
    [InlineData("time-client", "Default: 5s.", "00:00:05")]
    [InlineData("bench echo", "Default: 10s.", "00:00:10")]
    [InlineData("forward", "Default: everyone.", "[default")]
    public async Task Should_show_each_default_once_as_the_user_types_it(string path, string once, string never)
    {
        var (_, console) = await Cli.RunAsync(["--lang", "en", .. Words(path), "--help"]);

        var text = console.OutWriter.Text;
        Assert.Single(Regex.Matches(text, Regex.Escape(once)));
        Assert.DoesNotContain(never, text);
    }

    [Theory]
    [InlineData("netprog lab", "./netprog", "./netprog lab")]
    [InlineData("source <(netprog completion bash)", "./netprog", "source <(./netprog completion bash)")]
    [InlineData("netprog users add alice --db netprog.db", @".\netprog.ps1", @".\netprog.ps1 users add alice --db netprog.db")]
    [InlineData("netprog lab", "netprog", "netprog lab")]
    public void Should_show_examples_under_the_name_netprog_was_started_by(string line, string program, string expected)
    {
        // Given an example as written, when it is shown by a netprog started as program, then it starts with that name
        // (pasted back from a clone, "netprog lab" would be "command not found"), and only the command word changes
        Assert.Equal(expected, CommandExamples.WithProgram(line, program));
    }

    [Fact]
    public void Should_state_in_the_description_every_default_that_matters()
    {
        // HelpPage prints no default of its own: a default the user should know (not off, not empty) is in the text.
        foreach (var command in All(CliApp.Build(new TestConsole())))
        {
            foreach (var option in command.Options.Where(o => o.HasDefaultValue && !o.Hidden))
            {
                var value = option.GetDefaultValue();
                if (value is null or false || value is System.Collections.ICollection { Count: 0 })
                {
                    continue;
                }

                Assert.True(option.Description?.Contains("Default", StringComparison.Ordinal) == true, $"{CommandPath.Full(command)} {option.Name}: the description does not state its default");
            }

            foreach (var argument in command.Arguments.Where(a => a.HasDefaultValue && !a.Hidden))
            {
                Assert.True(argument.Description?.Contains("Default", StringComparison.Ordinal) == true, $"{CommandPath.Full(command)} {argument.Name}: the description does not state its default");
            }
        }
    }

    [Fact]
    public void Should_give_each_short_form_one_meaning_in_the_whole_tree()
    {
        // -t is --tcp and -l --listening in sockets, as in ss and netstat; no other command may spend them on another option.
        var meanings = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var command in All(CliApp.Build(new TestConsole())))
        {
            foreach (var option in HelpPage.VisibleOptions(command))
            {
                foreach (var alias in option.Aliases.Where(a => a.Length == 2 && a[0] == '-'))
                {
                    (meanings.TryGetValue(alias, out var names) ? names : meanings[alias] = []).Add(option.Name);
                }
            }
        }

        Assert.Empty(meanings.Where(m => m.Value.Count > 1).Select(m => $"{m.Key} means {string.Join(" and ", m.Value)}"));
        Assert.Equal("--tcp", Assert.Single(meanings["-t"]));
        Assert.Equal("--listening", Assert.Single(meanings["-l"]));
    }

    [Fact]
    public void Should_complete_each_short_form_as_the_option_it_means()
    {
        var tree = Completion.CompletionTree.Flatten(CliApp.Build(new TestConsole()));

        var forward = tree.Single(n => n.Path == "forward");
        var sockets = tree.Single(n => n.Path == "sockets");
        Assert.DoesNotContain(forward.Options, o => o.Names.Contains("-t") || o.Names.Contains("-l"));
        Assert.Contains(sockets.Options, o => o.Names.Contains("-t") && o.Names.Contains("--tcp"));
        Assert.Contains(sockets.Options, o => o.Names.Contains("-l") && o.Names.Contains("--listening"));
    }

    [Fact]
    public void Should_parse_every_typed_value_with_netprog_s_own_parser()
    {
        // System.CommandLine's conversion errors ("Cannot parse argument 'x' ... as expected type 'System.Int32'") are not
        // ours; CommandLineErrors passes a value error through as it is, so every non-text value has a CustomParser.
        foreach (var command in All(CliApp.Build(new TestConsole())))
        {
            var values = command.Options.Where(o => o.ValueType != typeof(bool)).Select(o => (Symbol)o)
                .Concat(command.Arguments)
                .Where(s => s.GetType().GetGenericArguments() is [var t] && t != typeof(string) && t != typeof(string[]));
            foreach (var symbol in values)
            {
                var parser = symbol.GetType().GetProperty("CustomParser")?.GetValue(symbol);
                Assert.True(parser is not null, $"{CommandPath.Full(command)} {symbol.Name} has no CustomParser");
            }
        }
    }

    [Theory]
    [InlineData(60)]
    [InlineData(100)]
    public void Should_wrap_descriptions_at_the_terminal_s_width_under_their_column(int width)
    {
        var forward = CliApp.Build(new TestConsole()).Subcommands.Single(c => c.Name == "forward");
        using var output = new StringWriter();

        HelpPage.Write(forward, output, width);

        // Examples are command lines to copy: never broken.
        var lines = output.ToString().Split(Environment.NewLine).TakeWhile(l => l != "Examples:").ToArray();
        Assert.All(lines, l => Assert.True(Rendering.TerminalText.Columns(l) <= width, $"{Rendering.TerminalText.Columns(l)} columns: {l}"));
        // Each description's lines start in one column: beside the labels, or under them when the terminal is narrow.
        var listen = Array.FindIndex(lines, l => l.StartsWith("  --listen", StringComparison.Ordinal));
        var first = lines[listen].Contains("Where", StringComparison.Ordinal) ? lines[listen] : lines[listen + 1];
        var column = first.IndexOf("Where", StringComparison.Ordinal);
        var next = lines[Array.IndexOf(lines, first) + 1];
        Assert.Equal(column, next.Length - next.TrimStart().Length);
    }

    [Fact]
    public void Should_list_examples_for_exactly_the_commands_there_are()
    {
        var paths = All(CliApp.Build(new TestConsole())).Select(CommandPath.Words).ToHashSet();

        Assert.All(paths, p => Assert.NotEmpty(CommandExamples.For(p)));
    }

    internal static string[] Words(string path) => path.Length == 0 ? [] : path.Split(' ');

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);
}
