using System.Text.RegularExpressions;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// Reads a firewall's rules as text and says what they do to one port: pure, so each format is tested on captured samples.
/// Only the input direction matters to a server. It is a reading, not an emulation: rules are matched by the port they name
/// (single, set or range) and their verdict; anything subtler is reported as "a rule mentions the port".
/// </summary>
public static partial class FirewallRules
{
    /// <summary>
    /// <c>nft list ruleset</c>: input rules that name the port (drop, reject, accept), or, when none does, an input chain whose
    /// policy is drop.
    /// </summary>
    public static IReadOnlyList<DoctorCheck> AnalyzeNftables(string ruleset, int port, bool udp)
    {
        var proto = udp ? "udp" : "tcp";
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        var checks = new List<DoctorCheck>();
        var inInput = false;
        var inputPolicyDrop = false;
        foreach (var raw in ruleset.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("chain ", StringComparison.Ordinal))
            {
                inInput = false;
            }

            if (line.Contains("hook input", StringComparison.Ordinal))
            {
                inInput = true;
                inputPolicyDrop |= line.Contains("policy drop", StringComparison.Ordinal);
                continue;
            }

            if (!inInput || !line.Contains($"{proto} dport", StringComparison.Ordinal) || !NamesPort(line, port))
            {
                continue;
            }

            if (line.Contains(" drop", StringComparison.Ordinal) || line.Contains(" reject", StringComparison.Ordinal))
            {
                var finding = line.Contains(" reject", StringComparison.Ordinal) ? DoctorFinding.NftRejects : DoctorFinding.NftDrops;
                checks.Add(Firewall(CheckStatus.Failed, finding, port, protocol, line, Fix(FixCode.RemoveNftRule, port, protocol)));
            }
            else if (line.Contains(" accept", StringComparison.Ordinal))
            {
                checks.Add(Firewall(CheckStatus.Passed, DoctorFinding.NftAccepts, port, protocol, line));
            }
        }

        if (inputPolicyDrop && checks.Count == 0)
        {
            checks.Add(Firewall(CheckStatus.Warning, DoctorFinding.NftPolicyDrop, port, protocol, null, Fix(FixCode.AddNftAccept, port, protocol)));
        }

        return checks;
    }

    /// <summary><c>iptables -S</c> (or <c>ip6tables -S</c>): INPUT rules that name the port with DROP or REJECT, and a DROP policy.</summary>
    public static IReadOnlyList<DoctorCheck> AnalyzeIptables(string rules, int port, bool udp)
    {
        var proto = udp ? "udp" : "tcp";
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        var checks = new List<DoctorCheck>();
        var policyDrop = false;
        foreach (var raw in rules.Split('\n'))
        {
            var line = raw.Trim();
            if (line is "-P INPUT DROP")
            {
                policyDrop = true;
                continue;
            }

            if (!line.StartsWith("-A INPUT", StringComparison.Ordinal) || !line.Contains($"-p {proto}", StringComparison.Ordinal))
            {
                continue;
            }

            var match = DportRegex().Match(line);
            if (!match.Success || !NamesPort(match.Groups["ports"].Value.Replace(':', '-'), port))
            {
                continue;
            }

            if (line.EndsWith("-j DROP", StringComparison.Ordinal) || line.Contains("-j REJECT", StringComparison.Ordinal))
            {
                checks.Add(Firewall(CheckStatus.Failed, DoctorFinding.IptablesBlocks, port, protocol, line, new DoctorFix(FixCode.DeleteIptablesRule) { Rule = line[3..] }));
            }
            else if (line.EndsWith("-j ACCEPT", StringComparison.Ordinal))
            {
                checks.Add(Firewall(CheckStatus.Passed, DoctorFinding.IptablesAccepts, port, protocol, line));
            }
        }

        if (policyDrop && checks.Count == 0)
        {
            checks.Add(Firewall(CheckStatus.Warning, DoctorFinding.IptablesPolicyDrop, port, protocol, null, Fix(FixCode.InsertIptablesAccept, port, protocol)));
        }

        return checks;
    }

    /// <summary>
    /// <c>firewall-cmd --list-ports</c> on a running firewalld (on by default on CentOS): is the port open
    /// in the default zone?
    /// </summary>
    public static DoctorCheck AnalyzeFirewalld(string listPorts, int port, bool udp)
    {
        var proto = udp ? "udp" : "tcp";
        var open = listPorts.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Any(entry =>
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 && entry[(slash + 1)..] == proto && NamesPort(entry[..slash], port);
        });
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        return open
            ? Firewall(CheckStatus.Passed, DoctorFinding.FirewalldAllows, port, protocol, null)
            : Firewall(CheckStatus.Failed, DoctorFinding.FirewalldBlocks, port, protocol, null, Fix(FixCode.FirewalldAddPort, port, protocol));
    }

    /// <summary>
    /// <c>ufw status</c> (Ubuntu's front end to the same kernel tables): when active, whether a rule allows or denies the port.
    /// Null when ufw is inactive: the nftables/iptables reading then says it all.
    /// </summary>
    public static DoctorCheck? AnalyzeUfw(string status, int port, bool udp)
    {
        var proto = udp ? "udp" : "tcp";
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        if (!status.Contains("Status: active", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var raw in status.Split('\n'))
        {
            // "30000/tcp                  ALLOW       Anywhere", "30000:30010/tcp DENY IN Anywhere", "30000 ALLOW Anywhere" (both protocols)
            var fields = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            var target = fields[0];
            var slash = target.IndexOf('/', StringComparison.Ordinal);
            var ports = slash < 0 ? target : target[..slash];
            if ((slash >= 0 && target[(slash + 1)..] != proto) || !NamesPort(ports.Replace(':', '-'), port))
            {
                continue;
            }

            var action = fields[1];
            if (action is "ALLOW")
            {
                return Firewall(CheckStatus.Passed, DoctorFinding.UfwAllows, port, protocol, raw.Trim());
            }

            if (action is "DENY" or "REJECT")
            {
                return Firewall(CheckStatus.Failed, DoctorFinding.UfwBlocks, port, protocol, raw.Trim(), Fix(FixCode.UfwAllow, port, protocol));
            }
        }

        return Firewall(CheckStatus.Failed, DoctorFinding.UfwNoRule, port, protocol, null, Fix(FixCode.UfwAllow, port, protocol));
    }

    private static DoctorCheck Firewall(CheckStatus status, DoctorFinding finding, int port, TransportProtocol protocol, string? rule, DoctorFix? fix = null) =>
        new(DoctorCheckId.Firewall, status, finding, new DoctorFacts { Port = port, Protocol = protocol, Rule = rule }, fix);

    private static DoctorFix Fix(FixCode code, int port, TransportProtocol protocol) => new(code) { Port = port, Protocol = protocol };

    /// <summary>True when <paramref name="text"/> names <paramref name="port"/> as a number, in a set, or in a range a-b.</summary>
    internal static bool NamesPort(string text, int port)
    {
        foreach (Match match in PortOrRangeRegex().Matches(text))
        {
            var low = int.Parse(match.Groups["low"].Value, CultureInfo.InvariantCulture);
            var high = match.Groups["high"].Success ? int.Parse(match.Groups["high"].Value, CultureInfo.InvariantCulture) : low;
            if (port >= low && port <= high)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![\w.:])(?<low>\d{1,5})(?:-(?<high>\d{1,5}))?(?![\w.:])")]
    private static partial Regex PortOrRangeRegex();

    [GeneratedRegex(@"--dports? (?<ports>[\d,:]+)")]
    private static partial Regex DportRegex();
}
