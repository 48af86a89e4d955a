namespace NetProg.Cli.Completion;

/// <summary>
/// <c>netprog completion pwsh</c>: a native argument completer (Register-ArgumentCompleter -Native, PowerShell 5.1 and
/// 7) with the command tree inside its script block, so it needs no variables outside it.
/// </summary>
internal static class PowerShellCompletionScript
{
    public static string PowerShell(IReadOnlyList<CompletionCommandNode> tree)
    {
        var s = new StringBuilder();
        s.Append("# netprog completion for PowerShell. Load it now:  netprog completion pwsh | Out-String | Invoke-Expression\n");
        s.Append("# or for every new shell, add that line to $PROFILE.\n");
        s.Append("Register-ArgumentCompleter -Native -CommandName 'netprog', 'netprog.exe', 'netprog.cmd', 'netprog.ps1' -ScriptBlock {\n");
        s.Append("    param($wordToComplete, $commandAst, $cursorPosition)\n");
        Table(s, "subcommands", tree.Select(n => (n.Path, n.Subcommands)));
        Table(s, "arguments", tree.Select(n => (n.Path, n.ArgumentValues)));
        Table(s, "options", tree.Select(n => (n.Path, (IReadOnlyList<string>)n.Options.SelectMany(o => o.Names).Where(BashCompletionScript.ShellSafe).ToList())));
        Table(s, "values", tree.SelectMany(n => n.Options.Where(o => o.TakesValue)
            .SelectMany(o => o.Names.Where(BashCompletionScript.ShellSafe).Select(name => ($"{n.Path}|{name}", o.Values)))), includeEmpty: true);
        s.Append(
            """
                # The words before the one being typed (an element ending at the cursor is that word).
                $words = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })
                $path = ''
                $valueFor = $null
                for ($i = 0; $i -lt $words.Count; $i++) {
                    $word = $words[$i]
                    if ($values.ContainsKey("$path|$word")) {
                        # An option that takes a value swallows the next word.
                        if ($i + 1 -eq $words.Count) { $valueFor = $word }
                        $i++
                        continue
                    }
                    if ($subcommands.ContainsKey($path) -and $subcommands[$path] -ccontains $word) {
                        $path = if ($path) { "$path $word" } else { $word }
                    }
                }
                if ($null -ne $valueFor) {
                    # No fixed values (a port, a file, a host): nothing here, and PowerShell offers file names.
                    $candidates = $values["$path|$valueFor"]
                } elseif ($wordToComplete.StartsWith('-')) {
                    $candidates = $options[$path]
                } else {
                    $candidates = @($subcommands[$path]) + @($arguments[$path])
                }
                @($candidates) | Where-Object { $_ -and $_.StartsWith($wordToComplete, [System.StringComparison]::OrdinalIgnoreCase) } |
                    ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
            }

            """);
        return s.ToString();
    }

    private static void Table(StringBuilder s, string name, IEnumerable<(string Key, IReadOnlyList<string> Words)> rows, bool includeEmpty = false)
    {
        s.Append("    $").Append(name).Append(" = @{\n");
        foreach (var (key, words) in rows.Where(r => includeEmpty || r.Words.Count > 0))
        {
            s.Append("        ").Append(Quote(key)).Append(" = @(")
                .Append(string.Join(", ", words.Where(BashCompletionScript.ShellSafe).Select(Quote))).Append(")\n");
        }

        s.Append("    }\n");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
