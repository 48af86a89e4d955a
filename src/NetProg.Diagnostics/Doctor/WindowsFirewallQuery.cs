using System.Text;
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
    private const string Script = """
        $ErrorActionPreference = 'Stop'
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

    /// <summary>The firewall's state for TCP or UDP as JSON, or null when PowerShell is missing, fails or overruns.</summary>
    public static string? Run(bool udp, TimeSpan timeout)
    {
        var script = Script.Replace("__PROTOCOL__", udp ? "UDP" : "TCP", StringComparison.Ordinal);
        // -EncodedCommand takes UTF-16LE Base64: no quoting of the script through the command line.
        var encoded = Convert.ToBase64String(Encoding.Unicode.GetBytes(script));
        var output = BoundedProcess.TryRun(
            "powershell.exe", ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", encoded], timeout, requireSuccess: true);
        return output is null ? null : Decode(output);
    }

    /// <summary>The script's Base64 line back to JSON; null when it is not Base64 (a PowerShell error on stdout).</summary>
    internal static string? Decode(string output)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(output.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
