using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// The firewall of this machine, where it can be read: nftables, else iptables, and ufw or firewalld on top (Linux). Reading rules
/// needs root; without it, or on other systems, the step says what to check by hand.
/// </summary>
internal static class LocalFirewall
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(2);

    // PowerShell itself takes a second or two to start, and the NetSecurity cmdlets a few more on a machine with many rules.
    private static readonly TimeSpan PowerShellTimeout = TimeSpan.FromSeconds(15);

    public static IReadOnlyList<DoctorCheck> Inspect(int port, bool udp)
    {
        var proto = udp ? "udp" : "tcp";
        if (OperatingSystem.IsWindows())
        {
            return InspectWindows(port, udp);
        }

        if (!OperatingSystem.IsLinux())
        {
            return [new DoctorCheck("firewall", CheckStatus.Info, "this machine's firewall is not read on this system.", "Check it by hand (macOS: System Settings > Network > Firewall).")];
        }

        var checks = new List<DoctorCheck>();
        if (BoundedProcess.TryRun("nft", ["list", "ruleset"], ToolTimeout, requireSuccess: true) is { } ruleset)
        {
            checks.AddRange(FirewallRules.AnalyzeNftables(ruleset, port, udp));
        }
        else if (BoundedProcess.TryRun("iptables", ["-S"], ToolTimeout, requireSuccess: true) is { } rules)
        {
            checks.AddRange(FirewallRules.AnalyzeIptables(rules, port, udp));
        }
        else
        {
            return [new DoctorCheck("firewall", CheckStatus.Info, "the firewall rules could not be read (no nft or iptables, or not root).", "Run the doctor with sudo to read them.")];
        }

        if (BoundedProcess.TryRun("ufw", ["status"], ToolTimeout, requireSuccess: true) is { } ufw && FirewallRules.AnalyzeUfw(ufw, port, udp) is { } ufwCheck)
        {
            checks.Add(ufwCheck);
        }

        if (BoundedProcess.TryRun("firewall-cmd", ["--state"], ToolTimeout, requireSuccess: true) is { } state && state.Trim() == "running"
            && BoundedProcess.TryRun("firewall-cmd", ["--list-ports"], ToolTimeout, requireSuccess: true) is { } ports)
        {
            checks.Add(FirewallRules.AnalyzeFirewalld(ports, port, udp));
        }

        if (checks.Count == 0)
        {
            checks.Add(new DoctorCheck("firewall", CheckStatus.Passed, $"no firewall rule of this machine blocks {proto} port {port}."));
        }

        return checks;
    }

    private static IReadOnlyList<DoctorCheck> InspectWindows(int port, bool udp)
    {
        var proto = udp ? "UDP" : "TCP";
        var json = WindowsFirewallQuery.Run(udp, PowerShellTimeout);
        if (json is null)
        {
            return [new DoctorCheck(
                "firewall", CheckStatus.Info,
                "Windows Defender Firewall's rules could not be read (PowerShell's NetSecurity module did not answer); it asks, the first time a program listens, whether to allow it, and a 'no' blocks other machines silently.",
                $"Check Windows Security > Firewall > Allow an app, or: netsh advfirewall firewall add rule name=netprog dir=in action=allow protocol={proto} localport={port}")];
        }

        var programs = PortOwnerLookup.ForCurrentOs().FindOwners(udp ? PortProtocol.Udp : PortProtocol.Tcp, port)
            .Select(o => o.ProcessName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        try
        {
            return FirewallRules.AnalyzeWindowsFirewall(json, port, udp, programs);
        }
        catch (System.Text.Json.JsonException)
        {
            return [new DoctorCheck("firewall", CheckStatus.Info, "Windows Defender Firewall's rules came back in a form this version does not read.", "Check Windows Security > Firewall > Allow an app.")];
        }
    }
}
