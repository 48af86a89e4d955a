using System.Text;
using NetProg.Diagnostics.Doctor;

namespace NetProg.Diagnostics.Tests.Doctor;

/// <summary>
/// Windows Defender Firewall read from the JSON of <see cref="WindowsFirewallQuery"/> (issue #4, step 8): block rules win,
/// program rules count for the program that holds the port, and the profile follows each network's category.
/// </summary>
public sealed class WindowsFirewallTests
{
    private static readonly string Sample = TestData.Read("windows-firewall.json");

    [Fact]
    public void Should_find_the_block_rule_a_cancelled_prompt_left_on_the_public_network()
    {
        var checks = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: false, ["time_server"]);

        Assert.Equal(2, checks.Count);
        var publicNetwork = Assert.Single(checks, c => c.Finding.Contains("Public network (Wi-Fi)", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Failed, publicNetwork.Status);
        Assert.Contains("blocks TCP port 30000", publicNetwork.Finding, StringComparison.Ordinal);
        Assert.Contains("'time_server.exe' (for C:\\Users\\학생\\course\\time_server.exe)", publicNetwork.Finding, StringComparison.Ordinal);
        Assert.Contains("Disable-NetFirewallRule -DisplayName 'time_server.exe'", publicNetwork.Advice, StringComparison.Ordinal);

        // The same program on the private network meets the range rule, not the block rule limited to Public.
        var privateNetwork = Assert.Single(checks, c => c.Finding.Contains("Private network (이더넷)", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Passed, privateNetwork.Status);
        Assert.Contains("'course 30000-40000'", privateNetwork.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_count_a_program_rule_only_for_the_program_that_holds_the_port()
    {
        var echo = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: false, ["ECHO_SERVER"]);
        var other = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: false, ["python"]);

        var echoPublic = Assert.Single(echo, c => c.Finding.Contains("Public", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Passed, echoPublic.Status);
        Assert.Contains("'echo_server.exe'", echoPublic.Finding, StringComparison.Ordinal);

        var otherPublic = Assert.Single(other, c => c.Finding.Contains("Public", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Failed, otherPublic.Status);
        Assert.Contains("no rule allows TCP port 30000", otherPublic.Finding, StringComparison.Ordinal);
        Assert.Contains("New-NetFirewallRule -DisplayName 'netprog 30000' -Direction Inbound -Protocol TCP -LocalPort 30000 -Action Allow", otherPublic.Advice, StringComparison.Ordinal);
        Assert.Contains("make it Private", otherPublic.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_warn_rather_than_fail_when_no_program_holds_the_port_and_program_rules_might_allow_it()
    {
        var checks = FirewallRules.AnalyzeWindowsFirewall(Sample, 50000, udp: false, []);

        Assert.All(checks, c => Assert.Equal(CheckStatus.Warning, c.Status));
        Assert.All(checks, c => Assert.Contains("no program holds the port now", c.Finding, StringComparison.Ordinal));
    }

    [Fact]
    public void Should_match_the_protocol_and_ignore_keyword_ports()
    {
        var checks = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: true, ["time_server"]);

        // UDP: the TCP block and range rules do not apply; the UDP rule allows on Public only.
        Assert.Equal(CheckStatus.Passed, Assert.Single(checks, c => c.Finding.Contains("Public", StringComparison.Ordinal)).Status);
        var privateNetwork = Assert.Single(checks, c => c.Finding.Contains("Private", StringComparison.Ordinal));
        Assert.Equal(CheckStatus.Failed, privateNetwork.Status);
        Assert.Contains("no rule allows UDP port 30000", privateNetwork.Finding, StringComparison.Ordinal);
        Assert.DoesNotContain("make it Private", privateNetwork.Advice, StringComparison.Ordinal);

        // "RPC" names no fixed port: 135 is not taken for it.
        Assert.All(FirewallRules.AnalyzeWindowsFirewall(Sample, 135, udp: false, ["services"]), c => Assert.NotEqual(CheckStatus.Passed, c.Status));
    }

    [Fact]
    public void Should_say_when_the_firewall_is_off_or_allows_by_default()
    {
        const string json = """
            {"profiles":[{"name":"Domain","enabled":"True","defaultInboundAction":"NotConfigured"},
                         {"name":"Private","enabled":"True","defaultInboundAction":"Allow"},
                         {"name":"Public","enabled":"False","defaultInboundAction":"NotConfigured"}],
             "networks":[],"rules":[]}
            """;

        // No network connected: every profile is reported.
        var checks = FirewallRules.AnalyzeWindowsFirewall(json, 30000, udp: false, ["time_server"]);

        Assert.Equal(3, checks.Count);
        Assert.Contains(checks, c => c.Status == CheckStatus.Passed && c.Finding.Contains("off for the Public network", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Status == CheckStatus.Passed && c.Finding.Contains("by default on the Private network", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Status == CheckStatus.Failed && c.Finding.Contains("Domain network", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_map_a_domain_network_to_the_domain_profile()
    {
        const string json = """
            {"profiles":[{"name":"Domain","enabled":"False","defaultInboundAction":"NotConfigured"}],
             "networks":[{"interface":"Ethernet","category":"DomainAuthenticated"}],"rules":[]}
            """;

        var check = Assert.Single(FirewallRules.AnalyzeWindowsFirewall(json, 30000, udp: false, []));

        Assert.Equal("Windows Firewall is off for the Domain network (Ethernet).", check.Finding);
    }

    [Fact]
    public void Should_decode_the_scripts_base64_line_and_refuse_anything_else()
    {
        const string json = """{"rules":[{"program":"C:\\학생\\a.exe"}]}""";
        var line = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + "\r\n";

        Assert.Equal(json, WindowsFirewallQuery.Decode(line));
        Assert.Null(WindowsFirewallQuery.Decode("Get-NetFirewallRule : Access is denied."));
    }
}
