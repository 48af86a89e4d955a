using System.CommandLine;
using NetProg.Cli.Completion;
using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Commands;

/// <summary>
/// <c>netprog completion bash|zsh|pwsh</c>: prints a completion script for the shell, generated from the command tree
/// (like <c>kubectl completion</c> and <c>gh completion</c>). docs/INSTALL.md says where each shell loads it from.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(ICliConsole console)
    {
        var shell = new Argument<string>("SHELL") { Description = Strings.Completion_Argument_Shell };
        string[] shells = ["bash", "zsh", "pwsh"];
        // Not AcceptOnlyFromAmong: its error lists the choices over several lines, and a usage error is one line here.
        shell.CompletionSources.Add(shells);
        shell.Validators.Add(r =>
        {
            var value = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!shells.Contains(value, StringComparer.Ordinal))
            {
                r.AddError(string.Format(Strings.Completion_UnknownShell, value));
            }
        });
        var command = new Command("completion", Strings.Completion_Description)
        {
            shell,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(console, _ =>
        {
            var root = (RootCommand)result.RootCommandResult.Command;
            var tree = CompletionTree.Flatten(root);
            var script = result.GetValue(shell) switch
            {
                "zsh" => ZshCompletionScript.Zsh(tree),
                "pwsh" => PowerShellCompletionScript.PowerShell(tree),
                _ => BashCompletionScript.Bash(tree),
            };
            console.Out.Write(script);
            return Task.FromResult(ExitCode.Success);
        }, ct));
        return command;
    }
}
