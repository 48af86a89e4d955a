using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Completion;

/// <summary>
/// <c>netprog completion bash|zsh|pwsh</c> loaded into the real shells: the script the program prints is sourced, and the
/// completion function is called the way the shell calls it on TAB (COMP_WORDS/COMP_CWORD for bash, bashcompinit's
/// compgen for zsh, TabExpansion2 for PowerShell). zsh and pwsh are optional here: each test says so when missing.
/// </summary>
public sealed class CompletionScriptTests(ITestOutputHelper output)
{
    /// <summary>Completes each line (words separated by spaces, the last one being typed) and prints one result line per input.</summary>
    private const string BashDriver = """
        source "$1"
        complete -p netprog
        t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _netprog; echo "${COMPREPLY[*]}"; }
        t netprog ec
        t netprog echo-server --
        t netprog time-server --format ''
        t netprog users ''
        t netprog bench ''
        t netprog echo-server --bind ''
        """;

    [Fact]
    public async Task Should_complete_commands_options_and_values_When_the_bash_script_is_sourced()
    {
        using var folder = new TempFolder();
        var script = folder.WriteText("netprog.bash", await ScriptAsync("bash"));
        var driver = folder.WriteText("driver.bash", BashDriver);

        var lines = await RunAsync(ExecutableSearch.Require("bash", "bash"), driver, script);

        Assert.Equal("complete -o default -F _netprog netprog", lines[0]);
        Assert.Equal("echo-server echo-client", lines[1]);
        var options = lines[2].Split(' ');
        Assert.Contains("--port", options);
        Assert.Contains("--bind", options);
        Assert.Contains("--udp", options);
        Assert.Contains("--login", options);
        Assert.Contains("--help", options);
        Assert.DoesNotContain("--format", options); // time-server's, not echo-server's
        Assert.Equal("ctime iso8601 rfc868", lines[3]);
        Assert.Equal("add remove list passwd", lines[4]);
        Assert.Equal("echo udp-echo time", lines[5]);
        // An address is free text: nothing offered, so bash's -o default falls back to file names.
        Assert.Equal("", lines[6]);
    }

    [Fact]
    public async Task Should_offer_the_same_words_When_the_zsh_script_is_sourced()
    {
        if (ExecutableSearch.Find("zsh") is not { } zsh)
        {
            output.WriteLine("skipped: zsh is not installed (apt-get install zsh)");
            return;
        }

        using var folder = new TempFolder();
        var script = folder.WriteText("netprog.zsh", await ScriptAsync("zsh"));
        // zsh filters candidates by the typed prefix itself (compadd), so the function's list is compared whole.
        var driver = folder.WriteText("driver.zsh", """
            source "$1"
            print -r -- "${_comps[netprog]}"
            t() { local -a COMP_WORDS; COMP_WORDS=("$@"); local COMP_CWORD=$(( $# - 1 )); print -r -- "$(compgen -F _netprog -- "${@[-1]}" | tr '\n' ' ')"; }
            t netprog echo-server --
            t netprog time-server --format ''
            t netprog bench ''
            """);

        var lines = await RunAsync(zsh, "-f", driver, script);

        Assert.Equal("_bash_complete -o default -F _netprog", lines[0]);
        Assert.Contains("--login", lines[1].Split(' '));
        Assert.Equal("ctime iso8601 rfc868", lines[2].Trim());
        Assert.Equal("echo udp-echo time", lines[3].Trim());
    }

    [Fact]
    public async Task Should_complete_through_TabExpansion2_When_the_PowerShell_script_is_loaded()
    {
        if (ExecutableSearch.Find("pwsh") is not { } pwsh)
        {
            output.WriteLine("skipped: PowerShell (pwsh) is not installed (dotnet tool install -g PowerShell)");
            return;
        }

        using var folder = new TempFolder();
        var script = folder.WriteText("netprog.ps1", await ScriptAsync("pwsh"));
        var driver = folder.WriteText("driver.ps1", """
            param($script)
            . $script
            function t([string]$line) { $r = TabExpansion2 -inputScript $line -cursorColumn $line.Length; ($r.CompletionMatches | ForEach-Object CompletionText) -join ' ' }
            t 'netprog ec'
            t 'netprog time-server --format '
            t 'netprog echo-server --t'
            """);

        var lines = await RunAsync(pwsh, "-NoProfile", "-NonInteractive", "-File", driver, script);

        Assert.Equal("echo-server echo-client", lines[0]);
        Assert.Equal("ctime iso8601 rfc868", lines[1]);
        Assert.Equal("--tls --tls-cert --tls-key --throttle-failures --throttle-max-delay", lines[2]);
    }

    [Fact]
    public async Task Should_exit_2_with_one_line_When_the_shell_is_unknown()
    {
        using var process = NetProgApp.Start("completion", "fish");

        await OutputAssert.ExitsWithAsync(process, 2);
        Assert.Contains("fish", OutputAssert.SingleErrorLine(process), StringComparison.Ordinal);
    }

    private static async Task<string> ScriptAsync(string shell)
    {
        using var process = NetProgApp.Start("completion", shell);
        await OutputAssert.ExitsWithAsync(process, 0);
        return process.StdoutText;
    }

    private async Task<IReadOnlyList<string>> RunAsync(string shell, params string[] arguments)
    {
        using var process = ChildProcess.Start(shell, arguments);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine(process.Describe());
        Assert.Equal(0, exit);
        return process.StdoutLines;
    }
}
