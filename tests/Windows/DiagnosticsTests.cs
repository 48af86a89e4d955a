using System.Net.NetworkInformation;
using static NetProg.Integration.Tests.Harness.PeerOutput;

namespace NetProg.Windows.Tests;

/// <summary>
/// The diagnostics a Windows student runs, on the Windows build's own data sources (IP Helper API, Winsock) as Wine
/// provides them: <c>sockets -l</c>, <c>ip</c>, <c>route</c>, <c>doctor</c>. Wine answers the IP Helper calls from
/// Linux's /proc/net, so the machine's real interfaces and routes show up, as on Windows.
/// </summary>
[Collection(WindowsCollection.Name)]
public sealed class DiagnosticsTests(WindowsBuild windows, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_list_its_own_listening_socket_When_the_Windows_sockets_command_runs_beside_a_Windows_server()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using NetProgServer server = await windows.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1");
        using ChildProcess sockets = windows.Start("sockets", "-l");

        await OutputAssert.ExitsWithAsync(sockets, 0);
        var row = new Regex($@"^\s*tcp\s+127\.0\.0\.1:{server.Port}\s+\*:\*\s+LISTEN(\s+(?<pid>\d+)\s+(?<name>\S+))?\s*$");
        Match? match = sockets.StdoutLines.Select(line => row.Match(line)).FirstOrDefault(m => m.Success);
        Assert.True(match is not null, $"no LISTEN row for 127.0.0.1:{server.Port}\n{sockets.Describe()}");
        Assert.Contains(sockets.StdoutLines, line => Regex.IsMatch(line, @"^\d+ socket\(s\)$"));

        // The Linux build shows "PID netprog" here; the Windows build needs the owning pid from GetExtendedTcpTable
        // (TCP_TABLE_OWNER_PID_LISTENER) and the process name from that pid.
        if (match.Groups["pid"].Success)
        {
            Assert.Equal("netprog", match.Groups["name"].Value);
        }
        else
        {
            output.WriteLine($"note: no pid and process name for netprog's own socket under Wine: '{match.Value.Trim()}'");
        }

        OutputAssert.NoStackTrace(sockets);
    }

    [Fact]
    public async Task Should_show_the_loopback_interface_with_its_addresses_When_the_Windows_ip_command_runs()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using ChildProcess ip = windows.Start("ip");

        await OutputAssert.ExitsWithAsync(ip, 0);
        Assert.True(ip.StdoutLines.Any(line => Regex.IsMatch(line, @"\s127\.0\.0\.1/8\s+loopback\s*$")), ip.Describe());
        Assert.True(ip.StdoutLines.Any(line => Regex.IsMatch(line, @"\s::1/128\s+loopback\s*$")), ip.Describe());
        OutputAssert.NoStackTrace(ip);
    }

    [Fact]
    public async Task Should_draw_its_tables_with_the_Linux_builds_characters_When_the_Windows_build_writes_to_a_pipe()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using ChildProcess windowsIp = windows.Start("ip");
        using ChildProcess linuxIp = NetProgApp.Start("ip");
        await OutputAssert.ExitsWithAsync(windowsIp, 0);
        await OutputAssert.ExitsWithAsync(linuxIp, 0);

        // Line 3 is the rule under the header: U+2500 on Linux (UTF-8 output); an ASCII '-' rule on Windows means its
        // console output encoding is not UTF-8, and Korean text would not survive either.
        Assert.True(windowsIp.StdoutLines.Count > 2 && linuxIp.StdoutLines.Count > 2, windowsIp.Describe());
        Assert.Equal(linuxIp.StdoutLines[2].Trim()[..1], windowsIp.StdoutLines[2].Trim()[..1]);
    }

    [Fact]
    public async Task Should_print_a_route_table_with_the_default_route_When_the_Windows_route_command_runs()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using ChildProcess route = windows.Start("route");
        using ChildProcess linux = NetProgApp.Start("route");
        await OutputAssert.ExitsWithAsync(linux, 0);
        int code = await route.WaitForExitAsync(Waits.Exit);

        Assert.True(
            code == 0,
            $"the Windows build's route failed (exit code {code}): it must read the table from the IP Helper API " +
            $"(GetIpForwardTable2), which Wine provides, rather than run 'route print'\n{route.Describe()}");
        Assert.Contains("IPv4 routes", route.StdoutLines);
        bool linuxHasDefault = linux.StdoutLines.Any(line => line.TrimStart().StartsWith("default", StringComparison.Ordinal));
        bool windowsHasDefault = route.StdoutLines.Any(line => line.TrimStart().StartsWith("default", StringComparison.Ordinal));
        bool windowsHasLoopback = route.StdoutLines.Any(line => line.TrimStart().StartsWith("127.", StringComparison.Ordinal));
        Assert.True(linuxHasDefault ? windowsHasDefault : windowsHasDefault || windowsHasLoopback, $"{route.Describe()}\n{linux.Describe()}");
        OutputAssert.NoStackTrace(route);
    }

    [Fact]
    public async Task Should_find_the_echo_server_open_and_a_closed_port_closed_When_the_Windows_doctor_checks_them()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using NetProgServer server = await windows.StartServerAsync("echo-server", "--port", "0", "--bind", "127.0.0.1");
        using ChildProcess open = windows.Start("doctor", "127.0.0.1", Text(server.Port));
        await OutputAssert.ExitsWithAsync(open, 0, TimeSpan.FromSeconds(60));
        Assert.Contains(open.StdoutLines, line => line.Contains($"[ ok ] port      127.0.0.1:{server.Port}/tcp is open", StringComparison.Ordinal));
        Assert.Contains(open.StdoutLines, line => line.Contains("an echo server", StringComparison.Ordinal));
        Assert.Contains("verdict: the service answered.", open.StdoutLines);

        string closedPort = Text(FreePort.Tcp());
        using ChildProcess closed = windows.Start("doctor", "127.0.0.1", closedPort);
        await OutputAssert.ExitsWithAsync(closed, 1, TimeSpan.FromSeconds(60));
        Assert.Contains(closed.StdoutLines, line => line.Contains($"[FAIL] port      127.0.0.1:{closedPort}/tcp is closed", StringComparison.Ordinal));
        Assert.Contains("verdict: the service did not answer.", closed.StdoutLines);
        // The advice to look at the port is the Windows command (cmd and PowerShell have no grep), where the Linux build says grep
        Assert.Contains(closed.StdoutLines, line => line.Contains($"netstat -na | find \"{closedPort}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(closed.StdoutLines, line => line.Contains("| grep", StringComparison.Ordinal));

        // Wine has no Windows Defender Firewall to ask (its netsh/PowerShell answer nothing): the firewall line may only say
        // so, which is Wine's own; but it is there, and nothing crashed.
        Assert.Contains(open.StdoutLines, line => line.Contains(" firewall ", StringComparison.Ordinal));
        OutputAssert.NoStackTrace(open);
        OutputAssert.NoStackTrace(closed);
    }

    [Fact]
    public async Task Should_find_a_loopback_only_server_answering_on_127_0_0_1_and_closed_on_the_LAN_address_When_the_Windows_doctor_checks_it()
    {
        if (windows.Skip(output))
        {
            return;
        }

        // Given a Linux time server listening on 127.0.0.1 only
        using NetProgServer server = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1");
        string port = Text(server.Port);

        // When the Windows doctor checks 127.0.0.1, Then the service answered
        using (ChildProcess loopback = windows.Start("doctor", "127.0.0.1", port))
        {
            await OutputAssert.ExitsWithAsync(loopback, 0, TimeSpan.FromSeconds(60));
            Assert.Contains(loopback.StdoutLines, line => line.Contains($"[ ok ] port      127.0.0.1:{port}/tcp is open", StringComparison.Ordinal));
            Assert.Contains("verdict: the service answered.", loopback.StdoutLines);
            OutputAssert.NoStackTrace(loopback);
        }

        // When it checks this machine's own non-loopback address (nothing leaves the machine: the kernel loops it back)
        IPAddress? lan = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !a.ToString().StartsWith("169.254.", StringComparison.Ordinal));
        if (lan is null)
        {
            output.WriteLine("skipped the LAN-address half: this machine has no up, non-loopback IPv4 address");
            return;
        }

        string address = lan.ToString();
        using ChildProcess windowsDoctor = windows.Start("doctor", address, port);
        using ChildProcess linuxDoctor = NetProgApp.Start("doctor", address, port);
        await OutputAssert.ExitsWithAsync(windowsDoctor, 1, TimeSpan.FromSeconds(60));
        await OutputAssert.ExitsWithAsync(linuxDoctor, 1, TimeSpan.FromSeconds(60));

        // Then the port is closed there, doctor says the server listens on loopback only, and the verdict is the Linux build's
        Assert.Contains(windowsDoctor.StdoutLines, line => line.Contains($"[FAIL] port      {address}:{port}/tcp is closed", StringComparison.Ordinal));
        string loopbackOnly = $"[FAIL] listener  the server answers on 127.0.0.1 but not on {address}: it listens on loopback only.";
        Assert.True(linuxDoctor.StdoutLines.Any(line => line.Contains(loopbackOnly, StringComparison.Ordinal)), linuxDoctor.Describe());
        Assert.True(windowsDoctor.StdoutLines.Any(line => line.Contains(loopbackOnly, StringComparison.Ordinal)), windowsDoctor.Describe());
        Assert.Contains(windowsDoctor.StdoutLines, line => line.Contains("leave out --bind 127.0.0.1", StringComparison.Ordinal));
        Assert.Contains("verdict: the service did not answer.", windowsDoctor.StdoutLines);
        Assert.Equal(
            linuxDoctor.StdoutLines.Single(line => line.StartsWith("verdict:", StringComparison.Ordinal)),
            windowsDoctor.StdoutLines.Single(line => line.StartsWith("verdict:", StringComparison.Ordinal)));
        OutputAssert.NoStackTrace(windowsDoctor);
    }
}
