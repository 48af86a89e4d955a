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
            return [new DoctorCheck("firewall", CheckStatus.Info, Strings.Firewall_NotRead, Strings.Firewall_NotRead_Advice)];
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
            return [new DoctorCheck("firewall", CheckStatus.Info, Strings.Firewall_CannotRead, Strings.Firewall_CannotRead_Advice)];
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
            checks.Add(new DoctorCheck("firewall", CheckStatus.Passed, string.Format(Strings.Firewall_NothingBlocks, proto, port)));
        }

        return checks;
    }

    private static IReadOnlyList<DoctorCheck> InspectWindows(int port, bool udp)
    {
        var proto = udp ? "UDP" : "TCP";
        var answer = WindowsFirewallQuery.Run(udp, PowerShellTimeout);
        if (answer.Json is not { } json)
        {
            return [NotQueried(answer.Problem ?? string.Empty, proto, port)];
        }

        var programs = PortOwnerLookup.ForCurrentOs().FindOwners(udp ? PortProtocol.Udp : PortProtocol.Tcp, port)
            .Select(o => o.ProcessName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        try
        {
            return FirewallRules.AnalyzeWindowsFirewall(json, port, udp, programs);
        }
        catch (System.Text.Json.JsonException e)
        {
            return [NotQueried(string.Format(Strings.Firewall_WindowsQuery_NotJson, WindowsFirewallQuery.FirstLine(e.Message)), proto, port)];
        }
    }

    // "could not be queried: <what ran> <what came back>", so a person sees whether PowerShell is missing, refused or
    // answered something else, instead of a guess.
    private static DoctorCheck NotQueried(string problem, string proto, int port) => new(
        "firewall", CheckStatus.Info,
        string.Format(Strings.Firewall_WindowsNotQueried, WindowsFirewallQuery.Command, problem),
        string.Format(Strings.Firewall_WindowsUnread_Advice, proto, port));
}
