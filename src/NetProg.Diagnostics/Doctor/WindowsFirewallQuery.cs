using System.Text.RegularExpressions;
using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// Reads Windows Defender Firewall's state through PowerShell's NetSecurity module, as the JSON that
/// <see cref="FirewallRules.AnalyzeWindowsFirewall"/> takes. Not <c>netsh advfirewall</c>: its output is translated with the
/// Windows display language (the course's machines are Korean), while enum values turned into strings by PowerShell
/// (<c>[string]$rule.Action</c> is "Allow" or "Block") are the same on every Windows.
/// </summary>
internal static class WindowsFirewallQuery
{
    // Windows PowerShell 5.1 (every Windows 10/11) has no -EnumsAsStrings, so each value is converted by hand; the port and
    // application filters are read once and joined on InstanceID, because asking each rule for its filter takes seconds per
    // hundred rules. The JSON leaves as Base64 of its UTF-8 bytes: the console code page would mangle a program path in Hangul.
    //
    // Windows PowerShell 5.1 adds an ETS Count property to System.Array, so ConvertTo-Json writes a nested array as
    // {"value":[...],"Count":n} (PowerShell/PowerShell#3153, PowerShell/PowerShell#5579); Remove-TypeData is the workaround given
    // there, and the parser accepts the wrapped form anyway.
    private const string Script = """
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
        $protocol = '__PROTOCOL__'
        $profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
            [pscustomobject]@{ name = [string]$_.Name; enabled = [string]$_.Enabled; defaultInboundAction = [string]$_.DefaultInboundAction } })
        $networks = @(Get-NetConnectionProfile -ErrorAction SilentlyContinue | ForEach-Object {
            [pscustomobject]@{ interface = [string]$_.InterfaceAlias; category = [string]$_.NetworkCategory } })
        $ports = @{}
        foreach ($f in Get-NetFirewallPortFilter -PolicyStore ActiveStore) {
            if ($f.Protocol -eq $protocol -or $f.Protocol -eq 'Any') { $ports[$f.InstanceID] = $f }
        }
        $programs = @{}
        foreach ($f in Get-NetFirewallApplicationFilter -PolicyStore ActiveStore) { $programs[$f.InstanceID] = [string]$f.Program }
        $rules = @(foreach ($r in Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound -Enabled True) {
            $p = $ports[$r.InstanceID]
            if ($null -eq $p) { continue }
            [pscustomobject]@{ name = [string]$r.DisplayName; action = [string]$r.Action; profile = [string]$r.Profile;
                protocol = [string]$p.Protocol; localPort = @($p.LocalPort | ForEach-Object { [string]$_ }); program = $programs[$r.InstanceID] } })
        $json = [pscustomobject]@{ profiles = $profiles; networks = $networks; rules = $rules } | ConvertTo-Json -Depth 4 -Compress
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json))
        """;

    /// <summary>What runs, as the reason for a failed query names it.</summary>
    public const string Command = "powershell.exe -NoProfile -EncodedCommand (Get-NetFirewallProfile, Get-NetFirewallRule ...)";

    /// <summary>The firewall's state for TCP or UDP as JSON, or what came back when PowerShell is missing, fails or overruns.</summary>
    public static WindowsFirewallAnswer Run(bool udp, TimeSpan timeout)
    {
        var script = Script.Replace("__PROTOCOL__", udp ? "UDP" : "TCP", StringComparison.Ordinal);
        // -EncodedCommand takes UTF-16LE Base64: no quoting of the script through the command line.
        var encoded = Convert.ToBase64String(Encoding.Unicode.GetBytes(script));
        var outcome = BoundedProcess.Run(
            "powershell.exe", ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", encoded], timeout);
        return Interpret(outcome, timeout);
    }

    /// <summary>The JSON in a finished run's output, or the reason there is none (tested on outcomes made by hand).</summary>
    internal static WindowsFirewallAnswer Interpret(ProcessOutcome outcome, TimeSpan timeout)
    {
        if (outcome.StartError is { } startError)
        {
            return Failed(FirewallQueryFailure.NotStarted, startError);
        }

        if (outcome.TimedOut || outcome.Output is null)
        {
            return new WindowsFirewallAnswer(null, new FirewallQueryProblem(FirewallQueryFailure.TimedOut, Command, TimeoutSeconds: (int)timeout.TotalSeconds));
        }

        if (outcome.ExitCode != 0)
        {
            // PowerShell writes a terminating error to stderr (a CLIXML block with -NonInteractive under some hosts) or stdout.
            var said = ErrorLine(outcome.Error) ?? FirstLine(outcome.Output);
            return new WindowsFirewallAnswer(null, new FirewallQueryProblem(
                said is null ? FirewallQueryFailure.FailedSilently : FirewallQueryFailure.Failed, Command, said, outcome.ExitCode));
        }

        if (FirstLine(outcome.Output) is null)
        {
            // Seen under Wine, whose powershell.exe is a stand-in that runs nothing and exits 0.
            var said = ErrorLine(outcome.Error);
            return said is null ? Failed(FirewallQueryFailure.Empty, null) : Failed(FirewallQueryFailure.EmptyWithError, said);
        }

        return Decode(outcome.Output) is { } json
            ? new WindowsFirewallAnswer(json, null)
            : Failed(FirewallQueryFailure.NotBase64, FirstLine(outcome.Output));
    }

    /// <summary>The query's answer was JSON, but not the script's: the parser's reason, first line.</summary>
    public static FirewallQueryProblem NotJson(string reason) => new(FirewallQueryFailure.NotJson, Command, FirstLine(reason));

    private static WindowsFirewallAnswer Failed(FirewallQueryFailure failure, string? said) => new(null, new FirewallQueryProblem(failure, Command, said));

    /// <summary>
    /// The script's Base64 line back to JSON; null when there is none (a PowerShell error on stdout). The line is the last
    /// one that decodes: a warning PowerShell prints to stdout before it (WARNING: ...) is skipped.
    /// </summary>
    internal static string? Decode(string output)
    {
        foreach (var line in output.Split('\n').Select(l => l.Trim().Trim('\uFEFF')).Where(l => l.Length > 0).Reverse())
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(line));
            }
            catch (FormatException)
            {
                // Not the Base64 line; look at the one before.
            }
        }

        return null;
    }

    /// <summary>The first line with text in it, as the tool wrote it, to quote in a reason (the CLI shortens it and makes it printable).</summary>
    internal static string? FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim().Trim('\uFEFF')).FirstOrDefault(l => l.Length > 0);

    /// <summary>
    /// The first line of what PowerShell wrote to stderr. With its output redirected, Windows PowerShell serialises the
    /// error stream as CLIXML ("#&lt; CLIXML", then &lt;S S="Error"&gt; elements with XML entities and _x000D_-style
    /// escapes, progress records between them): the error text is taken out of it, never the XML.
    /// </summary>
    internal static string? ErrorLine(string stderr)
    {
        if (!stderr.TrimStart().StartsWith("#< CLIXML", StringComparison.Ordinal))
        {
            return FirstLine(stderr);
        }

        try
        {
            var errors = Regex.Matches(stderr, "<S S=\"Error\">(.*?)</S>", RegexOptions.Singleline, TimeSpan.FromSeconds(1))
                .Select(m => Regex.Replace(m.Groups[1].Value, "_x([0-9A-Fa-f]{4})_", x => ((char)Convert.ToInt32(x.Groups[1].Value, 16)).ToString(), RegexOptions.None, TimeSpan.FromSeconds(1)))
                .Select(WebUtility.HtmlDecode);
            return FirstLine(string.Concat(errors));
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
