using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// The lecture's last picture (docs/FORWARD.md): a friend on the Internet side reaches a student's time and echo
/// servers on the inner network only through the router's port forwarding, here <c>netprog forward</c> on the router
/// namespace. Root only.
/// </summary>
public sealed partial class ForwardNetnsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_reach_the_inner_time_and_echo_servers_only_through_the_forwarder()
    {
        if (NetworkLab.Unavailable() is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        // Given the client on the "Internet" side (10.77.2.2), the router with two interfaces (10.77.2.1 and 10.77.3.1), and
        // time (30000) and echo (30001) servers on the inner network (10.77.3.2), to which the client has no route
        using var lab = NetworkLab.Create();
        using var folder = new TempFolder();
        string input = folder.WriteRandom("input.bin", 128 * 1024);
        using ChildProcess time = lab.StartNetProg(lab.Private, "time-server", "--both", "--port", "30000");
        using ChildProcess echo = lab.StartNetProg(lab.Private, "echo-server", "--both", "--port", "30001");
        await time.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);
        await echo.WaitForStdoutLineAsync(NetProgApp.ListeningLine(), NetProgApp.StartTimeout);

        // When, before any forwarding, the client tries the inner address and the router's
        (int code, string text) direct = await RunAsync(lab, "time-client", NetworkLab.PrivateServerAddress, "30000", "--timeout", "2s");
        (int code, string text) before = await RunAsync(lab, "time-client", NetworkLab.RouterPublicAddress, "30000", "--timeout", "2s");

        // Then neither answers
        Assert.Equal(1, direct.code);
        Assert.Equal(1, before.code);
        Assert.Contains("refused", before.text, StringComparison.Ordinal);

        // When the router forwards 30000-30001, TCP and UDP, to the inner host, as the lecture's router page does
        using ChildProcess forward = lab.StartNetProg(lab.Router, "forward", "--listen", $"{NetworkLab.RouterPublicAddress}:30000-30001", "--to", NetworkLab.PrivateServerAddress, "--both");
        await forward.WaitForStdoutLineAsync(ForwardingLine(), NetProgApp.StartTimeout);

        // Then the client gets the inner server's time over TCP and UDP, and its echo byte for byte
        (int code, string text) tcpTime = await RunAsync(lab, "time-client", NetworkLab.RouterPublicAddress, "30000");
        (int code, string text) udpTime = await RunAsync(lab, "time-client", NetworkLab.RouterPublicAddress, "30000", "--udp");
        Assert.True(tcpTime.code == 0, tcpTime.text);
        Assert.True(udpTime.code == 0, udpTime.text);
        Assert.Matches(CtimeLine(), tcpTime.text.Split('\n')[0]);
        Assert.Matches(CtimeLine(), udpTime.text.Split('\n')[0]);
        using (ChildProcess client = ChildProcess.Start("ip", ["netns", "exec", lab.Client, "dotnet", NetProgApp.DllPath, "echo-client", NetworkLab.RouterPublicAddress, "30001"], stdinFile: input))
        {
            await OutputAssert.ExitsWithAsync(client, 0, TimeSpan.FromSeconds(60));
            OutputAssert.SameBytes(File.ReadAllBytes(input), client.StdoutBytes, client);
        }

        // and the inner server saw the router's inner address, not the client's: the forwarder relays, it does not route
        await time.WaitForStderrLineAsync(new Regex(@"time/tcp 10\.77\.3\.1:\d+: "), Waits.Line);
        await forward.WaitForStderrLineAsync(new Regex(@"forward/tcp 10\.77\.2\.2:\d+ -> 10\.77\.2\.1:30001 -> 10\.77\.3\.2:30001: 131072 B to target, 131072 B to client"), Waits.Line);

        // and the client still has no route to the inner network itself
        (int code, string text) after = await RunAsync(lab, "time-client", NetworkLab.PrivateServerAddress, "30000", "--timeout", "2s");
        Assert.Equal(1, after.code);
    }

    private static async Task<(int Code, string Text)> RunAsync(NetworkLab lab, params string[] arguments)
    {
        using ChildProcess process = lab.StartNetProg(lab.Client, arguments);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        OutputAssert.NoStackTrace(process);
        return (code, process.StdoutText + process.StderrText);
    }

    [GeneratedRegex(@"^forwarding 30000-30001 to 10\.77\.3\.2:30000-30001 over tcp and udp")]
    private static partial Regex ForwardingLine();

    [GeneratedRegex(@"^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$")]
    private static partial Regex CtimeLine();
}
