using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.LocalCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>The local checks against one C echo server per classic bug (check-c/local_*.c), each started by the checker.</summary>
public sealed class LocalBugTests(CheckC programs) : IClassFixture<CheckC>
{
    [Fact]
    public async Task Should_fail_port_byte_order_and_check_the_rest_on_the_swapped_port_When_the_server_forgot_htons()
    {
        // Given a server that binds sin_port = port, on a port whose swapped twin is free
        int port = FreePort(swapped: true);
        int swapped = NetProg.Services.Check.Local.PortBytes.Swap(port);

        // When it is checked
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_nohtons"), [Text(port)]);

        // Then reachable found it on the swapped port, port-byte-order fails naming both ports, every other check passes there
        AssertVerdicts(report, PassExcept((CheckIds.PortByteOrder, CheckVerdict.Fail)));
        Assert.Contains($":{Text(swapped)}", Result(report, CheckIds.Reachable).Observed, StringComparison.Ordinal);
        CheckResult order = Result(report, CheckIds.PortByteOrder);
        Assert.Contains(Text(port), order.Observed, StringComparison.Ordinal);
        Assert.Contains(Text(swapped), order.Observed, StringComparison.Ordinal);
        Assert.Contains("htons(port)", order.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_listen_address_When_the_server_binds_127_0_0_1()
    {
        // Given a server bound to inet_addr("127.0.0.1")
        int port = FreePort();

        // When it is checked
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_loopback"), [Text(port)]);

        // Then listen-address fails with INADDR_ANY as the fix, and nothing else does
        AssertVerdicts(report, PassExcept((CheckIds.ListenAddress, CheckVerdict.Fail)));
        CheckResult address = Result(report, CheckIds.ListenAddress);
        Assert.Contains($"127.0.0.1:{Text(port)}", address.Observed, StringComparison.Ordinal);
        Assert.Contains("htonl(INADDR_ANY)", address.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_closes_socket_and_fd_leak_with_the_fork_advice_When_the_parent_never_closes_the_accepted_socket()
    {
        // Given a fork server whose parent keeps every accepted socket
        int port = FreePort();

        // When it is checked
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_closewait"), [Text(port)]);

        // Then the CLOSE_WAIT sockets and the descriptors are counted, and the fix is close() in the parent after fork()
        AssertVerdicts(report, PassExcept((CheckIds.ClosesSocket, CheckVerdict.Fail), (CheckIds.FdLeak, CheckVerdict.Fail)));
        CheckResult closes = Result(report, CheckIds.ClosesSocket);
        Assert.Contains("CLOSE_WAIT", closes.Observed, StringComparison.Ordinal);
        Assert.Contains("parent", closes.Fix, StringComparison.Ordinal);
        Assert.Matches(@"\(\+(19\d|20\d)\)", Result(report, CheckIds.FdLeak).Observed);
    }

    [Fact]
    public async Task Should_fail_closes_socket_and_fd_leak_with_close_on_recv_0_When_the_server_never_closes_a_client()
    {
        // Given an iterative server that goes back to accept() without close()
        int port = FreePort();

        // When it is checked
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_fdleak"), [Text(port)]);

        // Then both fail, and the advice is close() when recv() returns 0 (no fork is involved)
        AssertVerdicts(report, PassExcept((CheckIds.ClosesSocket, CheckVerdict.Fail), (CheckIds.FdLeak, CheckVerdict.Fail)));
        CheckResult closes = Result(report, CheckIds.ClosesSocket);
        Assert.Contains("recv() returns 0", closes.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("fork", closes.Fix, StringComparison.Ordinal);
        Assert.Contains("EMFILE", Result(report, CheckIds.FdLeak).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_busy_loop_When_the_server_keeps_polling_a_socket_whose_client_left()
    {
        // Given a poll() server that treats recv() == 0 as an empty message
        int port = FreePort();

        // When it is checked
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_busyloop"), [Text(port)]);

        // Then busy-loop fails with "break when recv() returns 0" (and the sockets it never closes are found too)
        AssertVerdicts(report, PassExcept((CheckIds.ClosesSocket, CheckVerdict.Fail), (CheckIds.FdLeak, CheckVerdict.Fail), (CheckIds.BusyLoop, CheckVerdict.Fail)));
        CheckResult busy = Result(report, CheckIds.BusyLoop);
        Assert.Contains("recv() returns 0", busy.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fail_restart_with_SO_REUSEADDR_and_not_call_it_a_crash_When_the_server_cannot_bind_again()
    {
        // Given a server without SO_REUSEADDR
        int port = FreePort();

        // When it is checked (restart stops it while a client is connected and starts it again)
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_noreuse"), [Text(port)]);

        // Then restart fails quoting bind's error, and crash passes: the run that was checked did not crash
        AssertVerdicts(report, PassExcept((CheckIds.Restart, CheckVerdict.Fail)));
        CheckResult restart = Result(report, CheckIds.Restart);
        Assert.Contains("Address already in use", restart.Observed, StringComparison.Ordinal);
        Assert.Contains("SO_REUSEADDR", restart.Fix, StringComparison.Ordinal);
        Assert.False(AnyRunning(programs.PathOf("local_echo_noreuse")));
    }

    [Fact]
    public async Task Should_fail_crash_with_the_signal_and_skip_what_follows_When_the_server_segfaults_on_the_first_line()
    {
        // Given a server that writes through a NULL strstr() result at a line without "\r\n"
        int port = FreePort();

        // When it is checked
        CheckReport report = await StartedAsync(CheckKind.EchoServer, port, programs.PathOf("local_echo_segv"), [Text(port)]);

        // Then the checks after its death are skipped, and crash names SIGSEGV, quotes its stderr and points at the overrun
        AssertVerdicts(
            report,
            PassExcept(
                (CheckIds.ClosesSocket, CheckVerdict.Skip),
                (CheckIds.FdLeak, CheckVerdict.Skip),
                (CheckIds.BusyLoop, CheckVerdict.Skip),
                (CheckIds.Restart, CheckVerdict.Skip),
                (CheckIds.Crash, CheckVerdict.Fail)));
        CheckResult crash = Result(report, CheckIds.Crash);
        Assert.Contains("SIGSEGV (signal 11)", crash.Observed, StringComparison.Ordinal);
        Assert.Contains("'received ", crash.Observed, StringComparison.Ordinal);
        Assert.Contains("NULL", crash.Cause, StringComparison.Ordinal);
        Assert.Contains("-fsanitize=address", crash.Fix, StringComparison.Ordinal);
    }
}
