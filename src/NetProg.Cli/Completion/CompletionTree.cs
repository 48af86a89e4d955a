using System.CommandLine;
using System.CommandLine.Completions;

namespace NetProg.Cli.Completion;

/// <summary>
/// The command tree flattened for the completion scripts. The scripts are generated from the same <see cref="RootCommand"/>
/// that parses the command line, so a new command or option is completed without touching them; they are static (no call
/// back into netprog per TAB), so completion is instant even through the <c>./netprog</c> launcher, which may have to build.
/// </summary>
internal static class CompletionTree
{
    public static IReadOnlyList<CompletionCommandNode> Flatten(RootCommand root)
    {
        var nodes = new List<CompletionCommandNode>();
        Walk(root, "", [], nodes);
        return nodes;
    }

    private static void Walk(Command command, string path, IReadOnlyList<Option> inherited, List<CompletionCommandNode> nodes)
    {
        var options = command.Options.Where(o => !o.Hidden).ToList();
        var visible = options.Concat(inherited.Where(o => !options.Contains(o))).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        var argumentValues = command.Arguments
            .Where(a => !a.Hidden)
            .SelectMany(a => Labels(a.GetCompletions(CompletionContext.Empty), a.ValueType))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        nodes.Add(new CompletionCommandNode(
            path,
            subcommands.SelectMany(c => new[] { c.Name }.Concat(c.Aliases)).ToList(),
            argumentValues,
            visible.Select(Describe).ToList()));

        // Recursive options (-h/--help) apply to every subcommand as well (System.CommandLine's Option.Recursive).
        var passedOn = inherited.Concat(options.Where(o => o.Recursive)).Distinct().ToList();
        foreach (var sub in subcommands)
        {
            Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}", passedOn, nodes);
        }
    }

    private static CompletionOption Describe(Option option)
    {
        var names = new[] { option.Name }.Concat(option.Aliases).ToList();
        // bool options are flags: System.CommandLine gives them arity 0..1, but `--json true` is nobody's habit.
        var takesValue = option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
        var values = takesValue ? Labels(option.GetCompletions(CompletionContext.Empty), option.ValueType) : [];
        return new CompletionOption(names, takesValue, values);
    }

    private static List<string> Labels(IEnumerable<CompletionItem> items, Type valueType)
    {
        // Enum values come back as C# names (Ctime, Iso8601); the help and the docs spell them lower-case, and the
        // parsers accept any case.
        var isEnum = (Nullable.GetUnderlyingType(valueType) ?? valueType).IsEnum;
        return items
            .Select(i => isEnum ? i.Label.ToLowerInvariant() : i.Label)
            .Where(l => l.Length > 0 && l.All(c => !char.IsWhiteSpace(c) && c != '\'' && c != '"'))
            .Where(l => valueType != typeof(bool) || (l != "true" && l != "false"))
            .ToList();
    }
}
