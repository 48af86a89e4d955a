namespace NetProg.Cli.Completion;

/// <summary>
/// <c>netprog completion zsh</c>: the bash function through zsh's own bash emulation (bashcompinit, shipped with zsh
/// since 4.3), so both shells complete exactly the same words from one generated table.
/// </summary>
internal static class ZshCompletionScript
{
    public static string Zsh(IReadOnlyList<CompletionCommandNode> tree) =>
        "# netprog completion for zsh. Load it now:  source <(netprog completion zsh)\n" +
        "# or for every new shell, in ~/.zshrc:      source <(netprog completion zsh)\n\n" +
        "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }\n" +
        "autoload -U +X bashcompinit && bashcompinit\n\n" +
        BashCompletionScript.Functions(tree) +
        "complete -o default -F _netprog netprog\n";
}
