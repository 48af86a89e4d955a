using System.Text.Json;
using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// <c>netprog doctor</c> across real (namespaced) hosts: each scenario of the issue, with the verdict the doctor must give.
/// Root only (CI runs as root); elsewhere each test says why it did not run.
/// </summary>
public sealed class DoctorNetnsTests(ITestOutputHelper output)
{
    private const string Port = "30000";

    [Fact]
    public async Task Should_tell_open_closed_filtered_and_rejected_ports_apart_on_one_subnet()
    {
        if (Skip())
        {
            return;
        }

        // Given a server host with an echo server on 30000, nothing on 30001, a DROP rule on 30002 and a REJECT on 30003
        using var lab = NetworkLab.Create();
        lab.Nft(lab.Server, """
            table inet filter {
                chain input {
                    type filter hook input priority 0;
                    tcp dport 30002 drop
                    tcp dport 30003 reject with icmpx type admin-prohibited
                }
            }
            """);
        using var server = lab.StartNetProg(lab.Server, "echo-server", "--port", Port);
        await server.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);

        // When the client examines each port
        var open = await DoctorAsync(lab, NetworkLab.ServerAddress, Port);
        var closed = await DoctorAsync(lab, NetworkLab.ServerAddress, "30001");
        var filtered = await DoctorAsync(lab, NetworkLab.ServerAddress, "30002");
        var rejected = await DoctorAsync(lab, NetworkLab.ServerAddress, "30003");
        // and, run on the server, the doctor reads its firewall
        var onServer = await DoctorAsync(lab, NetworkLab.ServerAddress, "30002", timeout: "1s", ns: lab.Server);

        // Then each gets the verdict nmap would give, and only the open one exits 0
        Assert.Equal((0, "open"), (open.Exit, open.State));
        Assert.Contains("an echo server", open.Text, StringComparison.Ordinal);
        Assert.Contains("on this machine's own network", open.Text, StringComparison.Ordinal);
        Assert.Equal((1, "closed"), (closed.Exit, closed.State));
        Assert.Equal((1, "filtered"), (filtered.Exit, filtered.State));
        Assert.Contains("firewall", filtered.Text, StringComparison.Ordinal);
        Assert.Equal((1, "unreachable"), (rejected.Exit, rejected.State));
        Assert.Contains("an nftables rule drops tcp port 30002", onServer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_say_closed_for_a_server_bound_to_loopback_and_unreachable_for_a_missing_host()
    {
        if (Skip())
        {
            return;
        }

        // Given a server that listens on 127.0.0.1 only
        using var lab = NetworkLab.Create();
        using var server = lab.StartNetProg(lab.Server, "echo-server", "--port", Port, "--bind", "127.0.0.1");
        await server.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);

        // When the client examines it, and an address on the subnet where no host is (ARP gets no answer)
        var loopbackOnly = await DoctorAsync(lab, NetworkLab.ServerAddress, Port);
        var missing = await DoctorAsync(lab, "10.77.1.99", Port, "5s");
        // and, on the server itself, the doctor names the cause
        var onServer = await DoctorAsync(lab, NetworkLab.ServerAddress, Port, ns: lab.Server);

        // Then
        Assert.Equal("closed", loopbackOnly.State);
        Assert.Contains(missing.State, new[] { "unreachable", "filtered" });
        Assert.Contains("loopback only", onServer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_reach_a_server_behind_nat_only_once_the_port_is_forwarded()
    {
        if (Skip())
        {
            return;
        }

        // Given a server on a private network behind a NAT router, and no port-forwarding rule
        using var lab = NetworkLab.Create();
        using var server = lab.StartNetProg(lab.Private, "echo-server", "--port", Port);
        await server.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);

        // When the client tries the private address, and the router's public one
        var privateAddress = await DoctorAsync(lab, NetworkLab.PrivateServerAddress, Port);
        var before = await DoctorAsync(lab, NetworkLab.RouterPublicAddress, Port);

        // and then the router forwards the port (DNAT), as a home router's "port forwarding 30000-40000" does
        lab.Nft(lab.Router, $"add rule ip nat prerouting iifname \"rb1\" tcp dport {Port} dnat to {NetworkLab.PrivateServerAddress}");
        var after = await DoctorAsync(lab, NetworkLab.RouterPublicAddress, Port);

        // Then the private address is not reachable from outside, the router refuses until the rule exists, then it works
        Assert.NotEqual("open", privateAddress.State);
        Assert.Equal("closed", before.State);
        Assert.Equal((0, "open"), (after.Exit, after.State));
        Assert.Contains("an echo server", after.Text, StringComparison.Ordinal);
    }

    private bool Skip()
    {
        if (NetworkLab.Unavailable() is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return true;
        }

        return false;
    }

    private static async Task<(int Exit, string? State, string Text)> DoctorAsync(NetworkLab lab, string host, string port, string timeout = "2s", string? ns = null)
    {
        using var json = lab.StartNetProg(ns ?? lab.Client, "doctor", host, port, "--timeout", timeout, "--json");
        var exit = await json.WaitForExitAsync(TimeSpan.FromSeconds(60));
        OutputAssert.NoStackTrace(json);
        string? state;
        using (var document = JsonDocument.Parse(json.StdoutText))
        {
            state = document.RootElement.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }

        using var text = lab.StartNetProg(ns ?? lab.Client, "doctor", host, port, "--timeout", timeout);
        await text.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, state, text.StdoutText);
    }
}
