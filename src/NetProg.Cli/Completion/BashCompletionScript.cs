namespace NetProg.Cli.Completion;

/// <summary>
/// <c>netprog completion bash</c> (and, through zsh's bashcompinit, <c>zsh</c>): a completion function generated from the
/// command tree. Lookup tables are <c>case</c> statements keyed by the command path, so the script needs nothing but bash
/// 3.2 (macOS's) and no call back into netprog per TAB.
/// </summary>
internal static class BashCompletionScript
{
    public static string Functions(IReadOnlyList<CompletionCommandNode> tree)
    {
        var s = new StringBuilder();
        Table(s, "_netprog_subcommands", tree.Select(n => (Key: Quote(n.Path), Words: n.Subcommands)));
        Table(s, "_netprog_arguments", tree.Select(n => (Key: Quote(n.Path), Words: n.ArgumentValues)));
        Table(s, "_netprog_options", tree.Select(n => (Key: Quote(n.Path), Words: (IReadOnlyList<string>)n.Options.SelectMany(o => o.Names).Where(ShellSafe).ToList())));
        Table(s, "_netprog_values", tree.SelectMany(n => n.Options.Where(o => o.TakesValue).Select(o => (Key: Keys(n.Path, o), Words: o.Values))));

        var valued = tree.SelectMany(n => n.Options.Where(o => o.TakesValue).Select(o => Keys(n.Path, o))).ToList();
        s.Append("_netprog_takes_value() {\n    case \"$1|$2\" in\n");
        if (valued.Count > 0)
        {
            s.Append("        ").Append(string.Join("|", valued)).Append(") return 0 ;;\n");
        }

        s.Append("    esac\n    return 1\n}\n\n");
        s.Append(
            """
            _netprog() {
                local cur="${COMP_WORDS[COMP_CWORD]}" path='' value_for='' word next i
                # Walk the words before the cursor: subcommand names extend the path; an option that takes a value
                # swallows the next word (so `--bind lab` is not the lab command).
                for ((i = 1; i < COMP_CWORD; i++)); do
                    word="${COMP_WORDS[i]}"
                    if _netprog_takes_value "$path" "$word"; then
                        if ((i + 1 == COMP_CWORD)); then value_for="$word"; fi
                        ((i++))
                        continue
                    fi
                    for next in $(_netprog_subcommands "$path"); do
                        if [ "$word" = "$next" ]; then
                            path="${path:+$path }$word"
                            break
                        fi
                    done
                done
                if [ -n "$value_for" ]; then
                    # No fixed values (a port, a file, a host): leave COMPREPLY empty and `-o default` offers file names.
                    COMPREPLY=($(compgen -W "$(_netprog_values "$path" "$value_for")" -- "$cur"))
                elif [[ "$cur" == -* ]]; then
                    COMPREPLY=($(compgen -W "$(_netprog_options "$path")" -- "$cur"))
                else
                    COMPREPLY=($(compgen -W "$(_netprog_subcommands "$path") $(_netprog_arguments "$path")" -- "$cur"))
                fi
                return 0
            }

            """);
        return s.ToString();
    }

    public static string Bash(IReadOnlyList<CompletionCommandNode> tree) =>
        "# netprog completion for bash. Load it now:   source <(netprog completion bash)\n" +
        "# or for every new shell:                     netprog completion bash > ~/.local/share/bash-completion/completions/netprog\n\n" +
        Functions(tree) +
        "complete -o default -F _netprog netprog netprog.exe\n";

    /// <summary>The key of an option in the value tables: <c>'path|--name'|'path|-n'</c>, one alternative per spelling.</summary>
    private static string Keys(string path, CompletionOption option) =>
        string.Join("|", option.Names.Where(ShellSafe).Select(n => Quote($"{path}|{n}")));

    private static void Table(StringBuilder s, string name, IEnumerable<(string Key, IReadOnlyList<string> Words)> rows)
    {
        s.Append(name).Append("() {\n    case \"$1").Append(name == "_netprog_values" ? "|$2" : "").Append("\" in\n");
        foreach (var (key, words) in rows.Where(r => r.Words.Count > 0 && r.Key.Length > 0))
        {
            s.Append("        ").Append(key).Append(") echo ").Append(Quote(string.Join(" ", words.Where(ShellSafe)))).Append(" ;;\n");
        }

        s.Append("    esac\n}\n\n");
    }

    /// <summary>
    /// Words a completion list can carry as they are: no glob characters (System.CommandLine's <c>-?</c> alias would be
    /// expanded against the files in the current folder), no quotes or spaces, and not its DOS-style <c>/h</c>.
    /// </summary>
    public static bool ShellSafe(string word) =>
        word.Length > 0 && word[0] != '/' && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '+' or '=' or ',' or '@');

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
