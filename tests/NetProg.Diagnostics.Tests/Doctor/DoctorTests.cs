using NetProg.Diagnostics.Doctor;

namespace NetProg.Diagnostics.Tests.Doctor;

/// <summary>The doctor against real servers on loopback (docs/DOCTOR.md): open, closed, what answers, loopback-only, UDP.</summary>
public sealed class DoctorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Should_find_an_open_port_and_recognise_a_time_server()
    {
        // Given a server that sends ctime text and closes, as the course's time_server does (with its NUL)
        using var server = new LoopbackServer(async client =>
        {
            await client.SendAsync("Tue Nov 24 19:52:49 2026\n\0"u8.ToArray(), SocketFlags.None);
            client.Shutdown(SocketShutdown.Send);
        });

        // When
        var report = await RunAsync("127.0.0.1", server.Port);

        // Then
        Assert.Equal(PortState.Open, report.State);
        Assert.True(report.ServiceAnswered);
        Assert.Contains(report.Checks, c => c.Id == DoctorCheckId.Service && c.Finding is DoctorFinding.ServiceTime or DoctorFinding.ServiceTimeClosed
            && c.Facts.Reply!.StartsWith("Tue Nov 24 19:52:49 2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_recognise_an_echo_server_by_its_echo()
    {
        using var server = new LoopbackServer(async client =>
        {
            var buffer = new byte[1024];
            int n;
            while ((n = await client.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
        });

        var report = await RunAsync("127.0.0.1", server.Port);

        Assert.Contains(report.Checks, c => c.Id == DoctorCheckId.Service && c.Finding == DoctorFinding.ServiceEcho && c.Status == CheckStatus.Passed);
    }

    [Fact]
    public async Task Should_recognise_the_login_echo_by_its_banner()
    {
        using var server = new LoopbackServer(async client =>
        {
            await client.SendAsync("220 netprog echo with login ready\r\n"u8.ToArray(), SocketFlags.None);
            await client.ReceiveAsync(new byte[64], SocketFlags.None);
        });

        var report = await RunAsync("127.0.0.1", server.Port);

        Assert.Contains(report.Checks, c => c.Id == DoctorCheckId.Service && c.Finding == DoctorFinding.ServiceBanner && c.Facts.Reply == "220 netprog echo with login ready");
    }

    [Fact]
    public async Task Should_call_a_refused_port_closed_and_say_nothing_listens_here()
    {
        // Given a port nobody listens on
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        // When
        var report = await RunAsync("127.0.0.1", port);

        // Then
        Assert.Equal(PortState.Closed, report.State);
        Assert.False(report.ServiceAnswered);
        Assert.Equal(DoctorVerdict.NoAnswer, report.Verdict);
        var check = Assert.Single(report.Checks, c => c.Id == DoctorCheckId.Port);
        Assert.Equal((CheckStatus.Failed, DoctorFinding.TcpClosed, port, FixCode.StartServerOrCheckPort), (check.Status, check.Finding, check.Facts.Port, check.Fix?.Code));
        var listener = Assert.Single(report.Checks, c => c.Id == DoctorCheckId.Listener && c.Finding == DoctorFinding.ListenerNothing);
        Assert.Equal(new DoctorFix(FixCode.StartServer) { Port = port, Protocol = Transport.TransportProtocol.Tcp, Program = "netprog" }, listener.Fix);
    }

    [Fact]
    public async Task Should_warn_that_a_server_bound_to_loopback_cannot_be_reached_from_other_machines()
    {
        // Given a server on 127.0.0.1 only, and a non-loopback address of this machine
        var other = LocalAddresses.List().FirstOrDefault(a => a.IsUp && a.Address.AddressFamily == AddressFamily.InterNetwork && a.Scope is not AddressScope.Loopback and not AddressScope.LinkLocal);
        if (other is null)
        {
            return; // No second address to compare with on this machine.
        }

        using var server = new LoopbackServer(client => Task.CompletedTask);

        // When examined on loopback, and on the machine's own address
        var onLoopback = await RunAsync("127.0.0.1", server.Port);
        var onAddress = await RunAsync(other.Address.ToString(), server.Port);

        // Then both say "loopback only"
        Assert.Contains(onLoopback.Checks, c => c.Status == CheckStatus.Warning && c.Finding == DoctorFinding.ListenerLoopbackOnly && other.Address.Equals(c.Facts.OtherAddress));
        Assert.Equal(PortState.Closed, onAddress.State);
        Assert.Contains(onAddress.Checks, c => c.Status == CheckStatus.Failed && c.Finding == DoctorFinding.ListenerLoopbackOnlyLocal && IPAddress.Loopback.Equals(c.Facts.OtherAddress));
    }

    [Fact]
    public async Task Should_say_udp_is_open_when_it_answers_closed_when_refused_and_undecided_when_silent()
    {
        // Given a UDP echo, a silent UDP socket, and a port with nothing
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        echo.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _ = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            var result = await echo.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
            await echo.SendToAsync(buffer.AsMemory(0, result.ReceivedBytes), SocketFlags.None, result.RemoteEndPoint);
        });
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int closedPort;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closedPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        // When
        var open = await RunAsync("127.0.0.1", ((IPEndPoint)echo.LocalEndPoint!).Port, udp: true);
        var silence = await RunAsync("127.0.0.1", ((IPEndPoint)silent.LocalEndPoint!).Port, udp: true, timeout: TimeSpan.FromMilliseconds(600));
        var closed = await RunAsync("127.0.0.1", closedPort, udp: true);

        // Then
        Assert.Equal(PortState.Open, open.State);
        Assert.Contains(open.Checks, c => c.Finding == DoctorFinding.UdpOpenEcho);
        Assert.Equal(PortState.OpenOrFiltered, silence.State);
        Assert.Equal(PortState.Closed, closed.State);
    }

    [Fact]
    public async Task Should_fail_at_the_first_step_for_a_name_that_does_not_resolve()
    {
        // A literal that cannot be an address and has no name syntax problem the resolver would query: use an empty label.
        var report = await Diagnostics.Doctor.Doctor.RunAsync(new DoctorRequest("256.256.256.256.invalid.", 30000, false, Timeout), CancellationToken.None);

        var check = Assert.Single(report.Checks);
        Assert.Equal((DoctorCheckId.Name, CheckStatus.Failed, DoctorFinding.NameDoesNotResolve), (check.Id, check.Status, check.Finding));
        Assert.Equal("256.256.256.256.invalid.", check.Facts.Host);
        Assert.Equal(FixCode.CheckName, check.Fix?.Code);
        Assert.Equal(DoctorVerdict.NoAnswer, report.Verdict);
    }

    [Fact]
    public void Should_decide_the_verdict_once_from_the_port_and_the_answer_or_from_the_path_without_a_port()
    {
        DoctorCheck passed = new(DoctorCheckId.Name, CheckStatus.Passed, DoctorFinding.NameIsAddress, DoctorFacts.None);
        DoctorCheck failed = new(DoctorCheckId.Path, CheckStatus.Failed, DoctorFinding.PathNoRoute, DoctorFacts.None);

        Assert.Equal((DoctorVerdict.Answered, true), Verdict(new DoctorReport("h", 1, false, [failed], PortState.Open, true)));
        Assert.Equal((DoctorVerdict.NoAnswer, false), Verdict(new DoctorReport("h", 1, false, [passed], PortState.Closed, false)));
        Assert.Equal((DoctorVerdict.PathChecked, true), Verdict(new DoctorReport("h", null, false, [passed], null, false)));
        Assert.Equal((DoctorVerdict.PathFailed, false), Verdict(new DoctorReport("h", null, false, [passed, failed], null, false)));

        static (DoctorVerdict, bool) Verdict(DoctorReport report) => (report.Verdict, report.Succeeded);
    }

    private static Task<DoctorReport> RunAsync(string host, int port, bool udp = false, TimeSpan? timeout = null) =>
        Diagnostics.Doctor.Doctor.RunAsync(new DoctorRequest(host, port, udp, timeout ?? Timeout), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
}
