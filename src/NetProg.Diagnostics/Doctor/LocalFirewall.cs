using NetProg.Diagnostics.Internal;
using NetProg.Transport;

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
        if (OperatingSystem.IsWindows())
        {
            return InspectWindows(port, udp);
        }

        if (!OperatingSystem.IsLinux())
        {
            return [new DoctorCheck(DoctorCheckId.Firewall, CheckStatus.Info, DoctorFinding.FirewallNotRead, DoctorFacts.None, new DoctorFix(FixCode.CheckFirewallByHand))];
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
            return [new DoctorCheck(DoctorCheckId.Firewall, CheckStatus.Info, DoctorFinding.FirewallCannotRead, DoctorFacts.None, new DoctorFix(FixCode.RunAsRoot))];
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
            checks.Add(new DoctorCheck(
                DoctorCheckId.Firewall, CheckStatus.Passed, DoctorFinding.FirewallNothingBlocks,
                new DoctorFacts { Port = port, Protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp }));
        }

        return checks;
    }

    private static IReadOnlyList<DoctorCheck> InspectWindows(int port, bool udp)
    {
        var answer = WindowsFirewallQuery.Run(udp, PowerShellTimeout);
        if (answer.Json is not { } json)
        {
            return [NotQueried(answer.Problem!, udp, port)];
        }

        var programs = PortOwnerLookup.ForCurrentOs().FindOwners(udp ? PortProtocol.Udp : PortProtocol.Tcp, port)
            .Select(o => o.ProcessName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        try
        {
            return FirewallRules.AnalyzeWindowsFirewall(json, port, udp, programs);
        }
        catch (System.Text.Json.JsonException e)
        {
            return [NotQueried(WindowsFirewallQuery.NotJson(e.Message), udp, port)];
        }
    }

    // "could not be queried: <what ran> <what came back>", so a person sees whether PowerShell is missing, refused or
    // answered something else, instead of a guess.
    private static DoctorCheck NotQueried(FirewallQueryProblem problem, bool udp, int port)
    {
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        return new DoctorCheck(
            DoctorCheckId.Firewall, CheckStatus.Info, DoctorFinding.WindowsFirewallNotQueried,
            new DoctorFacts { Port = port, Protocol = protocol, Query = problem },
            new DoctorFix(FixCode.AllowInWindowsSecurity) { Port = port, Protocol = protocol });
    }
}
