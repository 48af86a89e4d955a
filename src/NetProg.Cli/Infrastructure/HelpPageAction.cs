using System.CommandLine;
using System.CommandLine.Invocation;

namespace NetProg.Cli.Infrastructure;

/// <summary>What <c>--help</c> does: writes <see cref="HelpPage"/> for the command it follows, whatever else is on the line.</summary>
internal sealed class HelpPageAction(ICliConsole console) : SynchronousCommandLineAction
{
    // As System.CommandLine's own help action: `netprog forward --help` shows the page although --listen is missing.
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        HelpPage.Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output, console.Width);
        return (int)ExitCode.Success;
    }
}
