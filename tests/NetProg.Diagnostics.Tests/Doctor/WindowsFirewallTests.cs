using NetProg.Diagnostics.Doctor;
using NetProg.Diagnostics.Internal;
using NetProg.Transport;

namespace NetProg.Diagnostics.Tests.Doctor;

/// <summary>
/// Windows Defender Firewall read from the JSON of <see cref="WindowsFirewallQuery"/> (docs/DOCTOR.md, step 8): block
/// rules win, program rules count for the program that holds the port, and the profile follows each network's category.
/// </summary>
public sealed class WindowsFirewallTests
{
    private static readonly string Sample = TestData.Read("windows-firewall.json");

    [Fact]
    public void Should_find_the_block_rule_a_cancelled_prompt_left_on_the_public_network()
    {
        var checks = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: false, ["time_server"]);

        Assert.Equal(2, checks.Count);
        var publicNetwork = Assert.Single(checks, c => c.Facts.Profile == "Public");
        Assert.Equal(["Wi-Fi"], publicNetwork.Facts.Interfaces!);
        Assert.Equal((CheckStatus.Failed, DoctorFinding.WindowsFirewallBlocks), (publicNetwork.Status, publicNetwork.Finding));
        Assert.Equal((30000, TransportProtocol.Tcp), (publicNetwork.Facts.Port, publicNetwork.Facts.Protocol));
        Assert.Equal(("time_server.exe", "C:\\Users\\학생\\course\\time_server.exe"), (publicNetwork.Facts.RuleName, publicNetwork.Facts.Program));
        Assert.Equal(new DoctorFix(FixCode.DisableWindowsRule) { Rule = "time_server.exe" }, publicNetwork.Fix);

        // The same program on the private network meets the range rule, not the block rule limited to Public.
        var privateNetwork = Assert.Single(checks, c => c.Facts.Profile == "Private");
        Assert.Equal(["이더넷"], privateNetwork.Facts.Interfaces!);
        Assert.Equal((CheckStatus.Passed, DoctorFinding.WindowsFirewallAllows), (privateNetwork.Status, privateNetwork.Finding));
        Assert.Equal(("course 30000-40000", null), (privateNetwork.Facts.RuleName, privateNetwork.Facts.Program));
    }

    [Fact]
    public void Should_count_a_program_rule_only_for_the_program_that_holds_the_port()
    {
        var echo = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: false, ["ECHO_SERVER"]);
        var other = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: false, ["python"]);

        var echoPublic = Assert.Single(echo, c => c.Facts.Profile == "Public");
        Assert.Equal(CheckStatus.Passed, echoPublic.Status);
        Assert.Equal("echo_server.exe", echoPublic.Facts.RuleName);

        var otherPublic = Assert.Single(other, c => c.Facts.Profile == "Public");
        Assert.Equal((CheckStatus.Failed, DoctorFinding.WindowsFirewallNoRule), (otherPublic.Status, otherPublic.Finding));
        Assert.Equal(new DoctorFix(FixCode.NewWindowsRuleOnPublicNetwork) { Port = 30000, Protocol = TransportProtocol.Tcp }, otherPublic.Fix);
    }

    [Fact]
    public void Should_warn_rather_than_fail_when_no_program_holds_the_port_and_program_rules_might_allow_it()
    {
        var checks = FirewallRules.AnalyzeWindowsFirewall(Sample, 50000, udp: false, []);

        Assert.All(checks, c => Assert.Equal(CheckStatus.Warning, c.Status));
        Assert.All(checks, c => Assert.Equal(DoctorFinding.WindowsFirewallNoRuleUnsure, c.Finding));
    }

    [Fact]
    public void Should_match_the_protocol_and_ignore_keyword_ports()
    {
        var checks = FirewallRules.AnalyzeWindowsFirewall(Sample, 30000, udp: true, ["time_server"]);

        // UDP: the TCP block and range rules do not apply; the UDP rule allows on Public only.
        Assert.Equal(CheckStatus.Passed, Assert.Single(checks, c => c.Facts.Profile == "Public").Status);
        var privateNetwork = Assert.Single(checks, c => c.Facts.Profile == "Private");
        Assert.Equal((CheckStatus.Failed, DoctorFinding.WindowsFirewallNoRule, TransportProtocol.Udp), (privateNetwork.Status, privateNetwork.Finding, privateNetwork.Facts.Protocol));
        Assert.Equal(new DoctorFix(FixCode.NewWindowsRule) { Port = 30000, Protocol = TransportProtocol.Udp }, privateNetwork.Fix);

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
        Assert.Contains(checks, c => c.Status == CheckStatus.Passed && c.Finding == DoctorFinding.WindowsFirewallOff && c.Facts.Profile == "Public");
        Assert.Contains(checks, c => c.Status == CheckStatus.Passed && c.Finding == DoctorFinding.WindowsFirewallDefaultAllow && c.Facts.Profile == "Private");
        Assert.Contains(checks, c => c.Status == CheckStatus.Failed && c.Facts.Profile == "Domain");
        Assert.All(checks, c => Assert.Empty(c.Facts.Interfaces!));
    }

    [Fact]
    public void Should_map_a_domain_network_to_the_domain_profile()
    {
        const string json = """
            {"profiles":[{"name":"Domain","enabled":"False","defaultInboundAction":"NotConfigured"}],
             "networks":[{"interface":"Ethernet","category":"DomainAuthenticated"}],"rules":[]}
            """;

        var check = Assert.Single(FirewallRules.AnalyzeWindowsFirewall(json, 30000, udp: false, []));

        Assert.Equal((DoctorFinding.WindowsFirewallOff, "Domain"), (check.Finding, check.Facts.Profile));
        Assert.Equal(["Ethernet"], check.Facts.Interfaces!);
    }

    [Fact]
    public void Should_decode_the_scripts_base64_line_and_refuse_anything_else()
    {
        const string json = """{"rules":[{"program":"C:\\학생\\a.exe"}]}""";
        var line = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + "\r\n";

        Assert.Equal(json, WindowsFirewallQuery.Decode(line));
        Assert.Null(WindowsFirewallQuery.Decode("Get-NetFirewallRule : Access is denied."));
    }

    [Fact]
    public void Should_read_the_wrapped_and_unrolled_arrays_of_windows_powershell_5_1_as_the_plain_sample()
    {
        var wrapped = TestData.Read("windows-firewall-ps51.json");

        foreach (var (port, udp, programs) in new[] { (30000, false, new[] { "time_server" }), (30000, true, ["time_server"]), (30000, false, ["ECHO_SERVER"]), (50000, false, []) })
        {
            Assert.Equal(
                FirewallRules.AnalyzeWindowsFirewall(Sample, port, udp, programs).Select(Flat),
                FirewallRules.AnalyzeWindowsFirewall(wrapped, port, udp, programs).Select(Flat));
        }
    }

    [Fact]
    public void Should_take_numbers_and_booleans_where_the_script_writes_strings()
    {
        const string json = """
            {"profiles":{"name":"Public","enabled":true,"defaultInboundAction":"NotConfigured"},
             "networks":{"interface":"Wi-Fi","category":"Public"},
             "rules":[{"name":"n","action":"Allow","profile":"Any","protocol":6,"localPort":30000,"program":null}]}
            """;

        var check = Assert.Single(FirewallRules.AnalyzeWindowsFirewall(json, 30000, udp: false, []));

        Assert.Equal(CheckStatus.Passed, check.Status);
        Assert.Equal("n", check.Facts.RuleName);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"profiles\":[],\"rules\":[]}")]
    [InlineData("")]
    public void Should_refuse_json_that_is_not_the_scripts_answer(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => FirewallRules.AnalyzeWindowsFirewall(json, 30000, udp: false, []));
    }

    [Fact]
    public void Should_say_what_came_back_when_powershell_printed_nothing_as_under_wine()
    {
        // Given what Wine 8's powershell.exe does with the script: exit code 0, nothing on stdout or stderr.
        var answer = WindowsFirewallQuery.Interpret(new ProcessOutcome(null, false, 0, string.Empty, string.Empty), TimeSpan.FromSeconds(15));

        Assert.Null(answer.Json);
        Assert.Equal(Problem(FirewallQueryFailure.Empty), answer.Problem);
    }

    [Fact]
    public void Should_say_why_the_query_failed_with_the_first_line_powershell_wrote()
    {
        var timeout = TimeSpan.FromSeconds(15);

        Assert.Equal(
            Problem(FirewallQueryFailure.Failed, "Get-NetFirewallProfile : Access is denied.", exitCode: 1),
            WindowsFirewallQuery.Interpret(new ProcessOutcome(null, false, 1, string.Empty, "\r\nGet-NetFirewallProfile : Access is denied.\r\nAt line:3 char:14\r\n"), timeout).Problem);
        Assert.Equal(Problem(FirewallQueryFailure.FailedSilently, exitCode: 1), WindowsFirewallQuery.Interpret(new ProcessOutcome(null, false, 1, " \r\n", string.Empty), timeout).Problem);
        Assert.Equal(
            new FirewallQueryProblem(FirewallQueryFailure.TimedOut, WindowsFirewallQuery.Command, TimeoutSeconds: 15),
            WindowsFirewallQuery.Interpret(new ProcessOutcome(null, true, null, null, string.Empty), timeout).Problem);
        Assert.Equal(
            Problem(FirewallQueryFailure.NotStarted, "The system cannot find the file specified."),
            WindowsFirewallQuery.Interpret(new ProcessOutcome("The system cannot find the file specified.", false, null, null, string.Empty), timeout).Problem);
        // The tool's text as it came, escape sequence and all: the CLI makes it printable when it shows it.
        Assert.Equal(
            Problem(FirewallQueryFailure.NotBase64, "Get-NetFirewallRule : \u001b[31mInvalid class"),
            WindowsFirewallQuery.Interpret(new ProcessOutcome(null, false, 0, "Get-NetFirewallRule : \u001b[31mInvalid class\r\n", string.Empty), timeout).Problem);
    }

    [Fact]
    public void Should_find_the_base64_line_after_a_warning_and_a_byte_order_mark()
    {
        const string json = """{"profiles":[]}""";
        var output = "WARNING: The names of some imported commands include unapproved verbs.\r\n\uFEFF" + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + "\r\n";

        var answer = WindowsFirewallQuery.Interpret(new ProcessOutcome(null, false, 0, output, string.Empty), TimeSpan.FromSeconds(15));

        Assert.Equal(json, answer.Json);
        Assert.Null(answer.Problem);
    }

    [Fact]
    public void Should_quote_the_error_inside_the_clixml_that_windows_powershell_writes_to_a_redirected_stderr()
    {
        // Given the shape Windows PowerShell 5.1 gives its error stream when stderr is a pipe: a progress record, then the
        // error's lines as <S S="Error"> elements with _xHHHH_ escapes and XML entities.
        const string stderr = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T></TN><MS><PR N=\"Record\"><AV>Preparing modules for first use.</AV></PR></MS></Obj>"
            + "<S S=\"Error\">Get-NetFirewallProfile : Acc_x00E8_s refus_x00E9_ &amp; &lt;denied&gt;_x000D__x000A_</S>"
            + "<S S=\"Error\">At line:4 char:14_x000D__x000A_</S></Objs>";

        var answer = WindowsFirewallQuery.Interpret(new ProcessOutcome(null, false, 1, string.Empty, stderr), TimeSpan.FromSeconds(15));

        Assert.Equal(Problem(FirewallQueryFailure.Failed, "Get-NetFirewallProfile : Accès refusé & <denied>", exitCode: 1), answer.Problem);
        Assert.Null(WindowsFirewallQuery.ErrorLine("#< CLIXML\r\n<Objs Version=\"1.1.0.1\"><Obj S=\"progress\" RefId=\"0\"></Obj></Objs>"));
    }

    private static FirewallQueryProblem Problem(FirewallQueryFailure failure, string? said = null, int? exitCode = null) =>
        new(failure, WindowsFirewallQuery.Command, said, exitCode);

    // A check with its lists spelled out: records compare lists by reference.
    private static string Flat(DoctorCheck check) =>
        $"{check with { Facts = check.Facts with { Interfaces = null } }} [{string.Join(", ", check.Facts.Interfaces ?? [])}]";
}
