using NetProg.Diagnostics.Doctor;
using NetProg.Transport;

namespace NetProg.Diagnostics.Tests.Doctor;

/// <summary>Firewall rules read as text: what they do to one port (docs/DOCTOR.md, step 8 "firewall").</summary>
public sealed class FirewallRulesTests
{
    // As `nft list ruleset` prints it (nftables 1.0.6, Debian 12), with a drop, a reject and an accept.
    private const string Nft = """
        table inet filter {
        	chain input {
        		type filter hook input priority filter; policy accept;
        		tcp dport 30002 drop
        		tcp dport { 30003, 30010-30020 } reject with icmpx admin-prohibited
        		udp dport 30000 accept
        	}
        	chain output {
        		type filter hook output priority filter; policy accept;
        		tcp dport 30000 drop
        	}
        }
        """;

    [Theory]
    [InlineData(30002, false, CheckStatus.Failed, DoctorFinding.NftDrops, "tcp dport 30002 drop")]
    [InlineData(30003, false, CheckStatus.Failed, DoctorFinding.NftRejects, "tcp dport { 30003, 30010-30020 } reject with icmpx admin-prohibited")]
    [InlineData(30015, false, CheckStatus.Failed, DoctorFinding.NftRejects, "tcp dport { 30003, 30010-30020 } reject with icmpx admin-prohibited")]
    [InlineData(30000, true, CheckStatus.Passed, DoctorFinding.NftAccepts, "udp dport 30000 accept")]
    public void Should_read_what_nftables_input_rules_do_to_a_port(int port, bool udp, CheckStatus status, DoctorFinding finding, string rule)
    {
        var check = Assert.Single(FirewallRules.AnalyzeNftables(Nft, port, udp));

        Assert.Equal((status, finding), (check.Status, check.Finding));
        Assert.Equal((port, udp ? TransportProtocol.Udp : TransportProtocol.Tcp, rule), (check.Facts.Port, check.Facts.Protocol, check.Facts.Rule));
        Assert.Equal(status == CheckStatus.Failed ? FixCode.RemoveNftRule : null, check.Fix?.Code);
    }

    [Fact]
    public void Should_ignore_output_rules_and_ports_nobody_names()
    {
        // The output chain's drop of 30000 concerns what this machine sends, not what a server receives.
        Assert.Empty(FirewallRules.AnalyzeNftables(Nft, 30000, udp: false));
        Assert.Empty(FirewallRules.AnalyzeNftables(Nft, 300, udp: false));
    }

    [Fact]
    public void Should_warn_when_the_input_policy_drops_and_nothing_accepts_the_port()
    {
        const string ruleset = "table inet filter {\n chain input {\n  type filter hook input priority filter; policy drop;\n  tcp dport 22 accept\n }\n}\n";

        var check = Assert.Single(FirewallRules.AnalyzeNftables(ruleset, 30000, udp: false));

        Assert.Equal((CheckStatus.Warning, DoctorFinding.NftPolicyDrop), (check.Status, check.Finding));
        Assert.Equal(new DoctorFix(FixCode.AddNftAccept) { Port = 30000, Protocol = TransportProtocol.Tcp }, check.Fix);
    }

    [Fact]
    public void Should_read_iptables_rules_and_policy()
    {
        const string rules = """
            -P INPUT DROP
            -P FORWARD ACCEPT
            -P OUTPUT ACCEPT
            -A INPUT -p tcp -m tcp --dport 30000 -j REJECT --reject-with icmp-port-unreachable
            -A INPUT -p tcp -m multiport --dports 30001:30005 -j ACCEPT
            """;

        var blocked = Assert.Single(FirewallRules.AnalyzeIptables(rules, 30000, udp: false));
        var allowed = Assert.Single(FirewallRules.AnalyzeIptables(rules, 30003, udp: false));
        var unnamed = Assert.Single(FirewallRules.AnalyzeIptables(rules, 30009, udp: false));

        Assert.Equal(CheckStatus.Failed, blocked.Status);
        Assert.Equal(CheckStatus.Passed, allowed.Status);
        Assert.Equal(CheckStatus.Warning, unnamed.Status);
        Assert.Equal(DoctorFinding.IptablesPolicyDrop, unnamed.Finding);
        Assert.Equal(new DoctorFix(FixCode.DeleteIptablesRule) { Rule = "INPUT -p tcp -m tcp --dport 30000 -j REJECT --reject-with icmp-port-unreachable" }, blocked.Fix);
        Assert.Equal(DoctorFinding.IptablesAccepts, allowed.Finding);
    }

    [Theory]
    [InlineData("30000/tcp 8080/tcp", 30000, false, CheckStatus.Passed)]
    [InlineData("30000-40000/tcp", 35000, false, CheckStatus.Passed)]
    [InlineData("30000/tcp", 30000, true, CheckStatus.Failed)]
    [InlineData("", 30000, false, CheckStatus.Failed)]
    public void Should_read_firewalld_open_ports(string listPorts, int port, bool udp, CheckStatus status)
    {
        var check = FirewallRules.AnalyzeFirewalld(listPorts, port, udp);

        Assert.Equal(status, check.Status);
        if (status == CheckStatus.Failed)
        {
            Assert.Equal(new DoctorFix(FixCode.FirewalldAddPort) { Port = port, Protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp }, check.Fix);
        }
    }

    // As `ufw status` prints it (ufw 0.36, Ubuntu 22.04).
    private const string Ufw = """
        Status: active

        To                         Action      From
        --                         ------      ----
        22/tcp                     ALLOW       Anywhere
        30000/tcp                  ALLOW       Anywhere
        30001:30005/tcp            DENY        Anywhere
        30000/tcp (v6)             ALLOW       Anywhere (v6)
        """;

    [Theory]
    [InlineData(30000, false, CheckStatus.Passed)]
    [InlineData(30003, false, CheckStatus.Failed)]
    [InlineData(30000, true, CheckStatus.Failed)]
    [InlineData(40000, false, CheckStatus.Failed)]
    public void Should_read_ufw_rules(int port, bool udp, CheckStatus status)
    {
        var check = FirewallRules.AnalyzeUfw(Ufw, port, udp);

        Assert.NotNull(check);
        Assert.Equal(status, check.Status);
    }

    [Fact]
    public void Should_say_nothing_of_an_inactive_ufw() => Assert.Null(FirewallRules.AnalyzeUfw("Status: inactive\n", 30000, udp: false));
}
