using System.CommandLine;

namespace NetProg.Cli.Infrastructure;

/// <summary>A command as the user types it: <c>netprog users add</c>, never just <c>add</c>, under the name netprog was started by.</summary>
internal static class CommandPath
{
    /// <summary>How this netprog was started (<c>./netprog</c> from a clone, <c>netprog</c> when installed): a pointer must work when pasted.</summary>
    public static string Program => ProgramName.Current;

    /// <summary>The words after <c>netprog</c> (empty for the root): <c>users add</c>.</summary>
    public static string Words(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The whole command line prefix: <c>netprog users add</c>.</summary>
    public static string Full(Command command) => Words(command) is { Length: > 0 } words ? $"{Program} {words}" : Program;

    /// <summary>Where to read about the command: <c>netprog users add --help</c>.</summary>
    public static string Help(Command command) => $"{Full(command)} --help";
}
