using static NetProg.Integration.Tests.Harness.PeerOutput;

namespace NetProg.Windows.Tests;

/// <summary>
/// The lecture's time matrix across the two OSes: the Windows build (under Wine) as server for the Linux netprog and the
/// course's C clients, and as client of the Linux netprog and C servers; TCP and UDP on 127.0.0.1, and once on ::1.
/// One Windows server answers several clients: each start of netprog.exe under Wine costs seconds.
/// </summary>
[Collection(WindowsCollection.Name)]
public sealed class TimeMatrixTests(WindowsBuild windows, CourseC course, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_give_Linux_netprog_and_the_course_clients_the_time_over_tcp_and_udp_When_the_Windows_time_server_answers()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using NetProgServer server = await windows.StartServerAsync("time-server", "--both", "--port", "0", "--bind", "127.0.0.1");
        Assert.Equal(["tcp", "udp"], server.Sockets.Select(s => s.Protocol).Order());

        using (ChildProcess tcp = NetProgApp.Start("time-client", "127.0.0.1", Text(server.Port)))
        {
            await OutputAssert.ExitsWithAsync(tcp, 0);
            NetProgClientPrintedCtime(tcp, $"127.0.0.1:{server.Port}", "tcp");
        }

        using (ChildProcess udp = NetProgApp.Start("time-client", "127.0.0.1", Text(server.Port), "--udp"))
        {
            await OutputAssert.ExitsWithAsync(udp, 0);
            NetProgClientPrintedCtime(udp, $"127.0.0.1:{server.Port}", "udp");
        }

        using (ChildProcess courseTcp = course.Start("time_client", "127.0.0.1", Text(server.Port)))
        {
            await OutputAssert.ExitsWithAsync(courseTcp, 0);
            CourseClientPrintedNow(courseTcp);
        }

        using (ChildProcess courseUdp = course.Start("udp_time_client", "127.0.0.1", Text(server.Port)))
        {
            await OutputAssert.ExitsWithAsync(courseUdp, 0);
            CourseClientPrintedNow(courseUdp);
        }

        Assert.False(server.Process.HasExited, server.Process.Describe());
        OutputAssert.NoStackTrace(server.Process);
    }

    [Fact]
    public async Task Should_print_the_time_of_Linux_netprog_and_the_course_servers_When_the_Windows_time_client_asks_over_tcp_and_udp()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using NetProgServer linux = await NetProgApp.StartServerAsync("time-server", "--both", "--port", "0", "--bind", "127.0.0.1");
        await ClientPrintsTimeAsync(["127.0.0.1", Text(linux.Port)], $"127.0.0.1:{linux.Port}", "tcp");
        await ClientPrintsTimeAsync(["127.0.0.1", Text(linux.Port), "--udp"], $"127.0.0.1:{linux.Port}", "udp");

        (ChildProcess tcpServer, int tcpPort) = await course.StartServerAsync("time_server");
        using (tcpServer)
        {
            await ClientPrintsTimeAsync(["127.0.0.1", Text(tcpPort)], $"127.0.0.1:{tcpPort}", "tcp");
        }

        (ChildProcess udpServer, int udpPort) = await course.StartServerAsync("udp_time_server");
        using (udpServer)
        {
            await ClientPrintsTimeAsync(["127.0.0.1", Text(udpPort), "--udp"], $"127.0.0.1:{udpPort}", "udp");
        }
    }

    [Fact]
    public async Task Should_talk_over_ipv6_loopback_both_ways_When_one_side_is_the_Windows_build()
    {
        if (windows.Skip(output))
        {
            return;
        }

        using (NetProgServer server = await windows.StartServerAsync("time-server", "--port", "0", "--bind", "::1"))
        {
            Assert.Equal("[::1]", server.Sockets[0].Address);
            using ChildProcess client = NetProgApp.Start("time-client", "::1", Text(server.Port));
            await OutputAssert.ExitsWithAsync(client, 0);
            NetProgClientPrintedCtime(client, $"[::1]:{server.Port}", "tcp");
        }

        using NetProgServer linux = await NetProgApp.StartServerAsync("time-server", "--udp", "--port", "0", "--bind", "::1");
        await ClientPrintsTimeAsync(["::1", Text(linux.Port), "--udp"], $"[::1]:{linux.Port}", "udp");
    }

    private async Task ClientPrintsTimeAsync(string[] arguments, string endpoint, string protocol)
    {
        using ChildProcess client = windows.Start(["time-client", .. arguments]);
        await OutputAssert.ExitsWithAsync(client, 0);
        NetProgClientPrintedCtime(client, endpoint, protocol);
    }
}
