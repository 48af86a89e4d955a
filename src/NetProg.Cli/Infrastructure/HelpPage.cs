using System.CommandLine;
using System.CommandLine.Help;
using NetProg.Cli.Rendering;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// A command's <c>--help</c> page, in the UI language: description, usage, arguments, options, commands, examples. Written
/// here rather than by System.CommandLine's help builder: that one is internal in 3.0, takes its headings and the help and
/// version descriptions from its own resources (half-translated to Korean), and adds a <c>[default: …]</c> in .NET's spelling
/// (<c>00:05:00</c>, <c>Ctime</c>) after the default each description already states in the form the user types.
/// </summary>
internal static class HelpPage
{
    private const string Indent = "  ";

    // Narrower than this, a description column is not worth wrapping into.
    private const int MinColumns = 30;

    /// <param name="command">The command the page is about.</param>
    /// <param name="output">Where it goes.</param>
    /// <param name="width">The terminal's width, to wrap long descriptions at; null for none (a file or a pipe).</param>
    public static void Write(Command command, TextWriter output, int? width = null)
    {
        var text = new System.Text.StringBuilder();
        if (!string.IsNullOrEmpty(command.Description))
        {
            Section(text, Strings.Help_Description, Wrap(command.Description, width - Indent.Length).ToArray());
        }

        Section(text, Strings.Help_Usage, [Usage(command)]);

        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => (a.Name, a.Description ?? string.Empty)).ToArray();
        Columns(text, Strings.Help_Arguments, arguments, width);

        var options = VisibleOptions(command).Select(o => (OptionLabel(o), Describe(o))).ToArray();
        Columns(text, Strings.Help_Options, options, width);

        var subcommands = command.Subcommands.Where(c => !c.Hidden)
            .Select(c => ($"{c.Name} {ArgumentsUsage(c)}".TrimEnd(), c.Description ?? string.Empty)).ToArray();
        Columns(text, Strings.Help_Commands, subcommands, width);

        // Each note as a shell comment above its line: the line can be copied whole, the comment too.
        var examples = CommandExamples.For(CommandPath.Words(command)).SelectMany(e => new[] { $"# {e.Note}", e.Line }).ToArray();
        Section(text, Strings.Help_Examples, examples);
        output.Write(text.ToString());
        output.Flush();
    }

    /// <summary>The options a command accepts: its own, then those its ancestors pass down (<c>--help</c>, <c>--lang</c>).</summary>
    public static IEnumerable<Option> VisibleOptions(Command command)
    {
        var own = command.Options.Where(o => !o.Hidden);
        var inherited = Ancestors(command).SelectMany(a => a.Options).Where(o => o.Recursive && !o.Hidden);
        return own.Concat(inherited).DistinctBy(o => o.Name);
    }

    /// <summary>What follows an option that takes a value (<c>PORT</c>, <c>[ADDR:]PORT[-PORT]</c>); empty for a flag.</summary>
    public static string ValueName(Option option) =>
        option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool)
            ? string.Empty
            : option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant();

    /// <summary>A command's arguments as in a usage line: <c>[HOST] [PORT]</c>, <c>NAME</c>.</summary>
    public static string ArgumentsUsage(Command command) =>
        string.Join(' ', command.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : a.Name));

    private static string Usage(Command command)
    {
        var words = new List<string> { CommandPath.Full(command) };
        if (ArgumentsUsage(command) is { Length: > 0 } arguments)
        {
            words.Add(arguments);
        }

        if (command.Subcommands.Any(c => !c.Hidden))
        {
            words.Add(command.Action is null ? Strings.Help_CommandPlaceholder : $"[{Strings.Help_CommandPlaceholder}]");
        }

        words.Add(Strings.Help_OptionsPlaceholder);
        return string.Join(' ', words);
    }

    private static string OptionLabel(Option option)
    {
        // Short forms first, as man pages list them (-p, --port); the DOS-style /h and /? that HelpOption also accepts are not shown.
        var names = option.Aliases.Append(option.Name).Where(n => n.StartsWith('-')).Distinct()
            .OrderBy(n => n.StartsWith("--", StringComparison.Ordinal)).ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        var label = string.Join(", ", names);
        return ValueName(option) is { Length: > 0 } value ? $"{label} <{value}>" : label;
    }

    private static string Describe(Option option) => option switch
    {
        HelpOption => Strings.Option_Help,
        VersionOption => Strings.Option_Version,
        { Required: true } => $"{option.Description} {Strings.Help_Required}".TrimStart(),
        _ => option.Description ?? string.Empty,
    };

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    private static void Section(System.Text.StringBuilder text, string heading, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine(heading);
        foreach (var line in lines)
        {
            text.Append(Indent).AppendLine(line);
        }

        text.AppendLine();
    }

    private static void Columns(System.Text.StringBuilder text, string heading, IReadOnlyList<(string Label, string Description)> rows, int? width)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var labels = rows.Max(r => r.Label.Length) + 2;
        var continued = new string(' ', Indent.Length + labels);
        text.AppendLine(heading);
        if (width - Indent.Length - labels < MinColumns)
        {
            // A narrow terminal: each description under its label, as man pages lay out options.
            continued = new string(' ', Indent.Length * 3);
            foreach (var (label, description) in rows)
            {
                text.Append(Indent).AppendLine(label);
                foreach (var line in Wrap(description, width - continued.Length))
                {
                    text.Append(continued).AppendLine(line);
                }
            }

            text.AppendLine();
            return;
        }

        foreach (var (label, description) in rows)
        {
            var lines = Wrap(description, width - Indent.Length - labels).ToList();
            text.Append(Indent).AppendLine(lines.Count == 0 ? label : TerminalText.Pad(label, labels) + lines[0]);
            foreach (var line in lines.Skip(1))
            {
                text.Append(continued).AppendLine(line);
            }
        }

        text.AppendLine();
    }

    /// <summary>
    /// <paramref name="text"/> in lines of at most <paramref name="columns"/> terminal columns, broken at spaces; one line
    /// when there is no width or too little of it to be worth wrapping.
    /// </summary>
    private static IEnumerable<string> Wrap(string text, int? columns)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        if (columns is not { } limit || limit < MinColumns || TerminalText.Columns(text) <= limit)
        {
            yield return text;
            yield break;
        }

        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && TerminalText.Columns(line.ToString()) + 1 + TerminalText.Columns(word) > limit)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
