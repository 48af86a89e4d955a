using NetProg.Diagnostics;
using NetProg.Diagnostics.Sockets;
using NetProg.Services.Check;
using NetProg.Services.Check.Local;

namespace NetProg.Integration.Tests.Check;

/// <summary>The local checks' pure conclusions, case by case, without a server.</summary>
public sealed class LocalRulesTests
{
    [Theory]
    [InlineData(30000, 12405)]
    [InlineData(12405, 30000)]
    [InlineData(80, 20480)]
    [InlineData(0x1E1E, 0x1E1E)]
    public void Should_swap_the_two_bytes_When_a_port_goes_without_htons(int port, int swapped)
    {
        // Given a port; When it is swapped; Then its bytes trade places
        Assert.Equal(swapped, PortBytes.Swap(port));
    }

    [Fact]
    public void Should_see_no_byte_order_mistake_When_both_bytes_of_the_port_are_the_same()
    {
        // Given 7710 = 0x1E1E, the same either way round; When the forgotten port is asked for; Then there is none
        Assert.Null(PortBytes.Forgotten(0x1E1E));
        Assert.Equal(12405, PortBytes.Forgotten(30000));
    }

    [Theory]
    [InlineData(new[] { 30000 }, CheckVerdict.Pass)]
    [InlineData(new[] { 12405 }, CheckVerdict.Fail)]
    [InlineData(new[] { 30000, 12405 }, CheckVerdict.Pass)]
    [InlineData(new[] { 40000 }, CheckVerdict.Warn)]
    [InlineData(new int[0], CheckVerdict.Skip)]
    public void Should_judge_the_port_byte_order_When_the_server_listens_on_these_ports(int[] ports, CheckVerdict verdict)
    {
        // Given the ports a server expected on 30000 listens on; When they are judged
        CheckResult result = LocalRules.PortByteOrder(CheckIds.PortByteOrder, 30000, ports);

        // Then the verdict is as expected, a FAIL naming htons() and a WARN the --port to give
        Assert.Equal(verdict, result.Verdict);
        if (verdict == CheckVerdict.Fail)
        {
            Assert.Contains("0x7530", result.Observed, StringComparison.Ordinal);
            Assert.Contains("htons", result.Fix, StringComparison.Ordinal);
        }

        if (verdict == CheckVerdict.Warn)
        {
            Assert.Contains("--port 40000", result.Fix, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0.0.0.0", null, CheckVerdict.Pass, "IPv4 only")]
    [InlineData("::", null, CheckVerdict.Pass, "IPV6_V6ONLY")]
    [InlineData("0.0.0.0", "::", CheckVerdict.Pass, "every IPv4 and IPv6")]
    [InlineData("127.0.0.1", null, CheckVerdict.Fail, "unreachable from other machines")]
    [InlineData("127.0.0.1", "::1", CheckVerdict.Fail, "unreachable from other machines")]
    [InlineData("192.0.2.5", null, CheckVerdict.Pass, "192.0.2.5:30000 only")]
    [InlineData("192.0.2.5", "127.0.0.1", CheckVerdict.Pass, "only")]
    public void Should_judge_the_listen_address_When_the_server_is_bound_to_these_addresses(string first, string? second, CheckVerdict verdict, string said)
    {
        // Given the listening sockets of a server on port 30000
        List<SocketEntry> listeners = [Listener(first)];
        if (second is not null)
        {
            listeners.Add(Listener(second));
        }

        // When they are judged
        CheckResult result = LocalRules.ListenAddress(CheckIds.ListenAddress, listeners);

        // Then the verdict and the words are as expected; only the loopback one is a bug, with INADDR_ANY as the fix
        Assert.Equal(verdict, result.Verdict);
        Assert.Contains(said, result.Observed, StringComparison.Ordinal);
        Assert.Equal(verdict == CheckVerdict.Fail, result.Fix?.Contains("INADDR_ANY", StringComparison.Ordinal) ?? false);
    }

    [Fact]
    public void Should_give_in6addr_any_as_the_fix_When_the_server_is_bound_to_IPv6_loopback_only()
    {
        // Given a server on [::1] only; When judged; Then the IPv6 fix is given
        CheckResult result = LocalRules.ListenAddress(CheckIds.ListenAddress, [Listener("::1")]);
        Assert.Equal(CheckVerdict.Fail, result.Verdict);
        Assert.Contains("in6addr_any", result.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13, null, "SIGPIPE", "SIG_IGN")]
    [InlineData(11, null, "buffer overrun", "sizeof(buf) - 1")]
    [InlineData(6, null, "assert()", "-fsanitize=address")]
    [InlineData(8, null, "division by zero", "divisor")]
    [InlineData(9, null, "Out of memory", "free")]
    [InlineData(null, 0, "exit(0)", "while (1)")]
    [InlineData(null, 1, "exit()", "close that client")]
    [InlineData(null, unchecked((int)0xC0000005), "buffer overrun", "sizeof(buf) - 1")]
    public void Should_explain_the_end_When_a_program_ended_this_way(int? signal, int? exitCode, string cause, string fix)
    {
        // Given how a program ended; When it is explained
        (string Cause, string Fix) explained = LocalRules.Explain(signal, exitCode);

        // Then the cause and the fix are the ones for that end
        Assert.Contains(cause, explained.Cause, StringComparison.Ordinal);
        Assert.Contains(fix, explained.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(13, "SIGPIPE")]
    [InlineData(11, "SIGSEGV")]
    [InlineData(15, "SIGTERM")]
    [InlineData(7, "SIGBUS")]
    [InlineData(10, "SIGUSR1")]
    [InlineData(40, "SIG40")]
    public void Should_name_the_signal_When_its_Linux_number_is_given(int signal, string name)
    {
        // Given a signal number of Linux; When named; Then as signal(7) names it
        Assert.Equal(name, SignalNames.Name(signal));
    }

    [Theory]
    [InlineData("bind: Address already in use", 40, "'bind: Address already in use'")]
    [InlineData("\u001b[31mred\r\n", 40, "'\\x1B[31mred\\r\\n'")]
    [InlineData("it's \u202Eevil", 40, "'it\\'s \\u{202E}evil'")]
    [InlineData("abcdefghij", 4, "'abcd…'")]
    public void Should_quote_the_program_s_text_escaped_and_cut_When_it_goes_into_a_report(string text, int max, string preview)
    {
        // Given what a program wrote; When previewed; Then control characters and overrides are escaped and it is cut
        Assert.Equal(preview, LocalPreview.Quote(text, max));
    }

    [Fact]
    public void Should_read_the_fields_after_the_last_parenthesis_When_the_process_name_holds_parentheses_and_spaces()
    {
        // Given a stat line whose comm is "a) b (c"
        const string line = "4242 (a) b (c) S 17 4242 4242 0 -1 4194560 10 0 0 0 25 7 0 0 20 0 1 0 100 0 0";

        // When it is parsed
        ProcStat? stat = ProcStat.Parse(line);

        // Then state, parent, group and the CPU ticks are the right fields
        Assert.Equal(new ProcStat('S', 17, 4242, 25, 7), stat);
        Assert.Null(ProcStat.Parse("4242 (truncated"));
    }

    private static SocketEntry Listener(string address) =>
        new(PortProtocol.Tcp, new IPEndPoint(IPAddress.Parse(address), 30000), null, SocketStates.Listen, 1, "server", false);
}
