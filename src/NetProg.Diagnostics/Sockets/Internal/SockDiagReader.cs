namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>
/// One <c>sock_diag</c> dump over a <see cref="NetlinkSocket"/>: send an <see cref="InetDiagRequest"/>, read datagrams
/// until NLMSG_DONE, each through <see cref="InetDiagReplyParser"/>. What iproute2's ss(8) does in misc/ss.c
/// (inet_show_netlink), without its kernel-side bytecode filter: the states mask already leaves a port lookup only the
/// listeners, and the rest is filtered in <see cref="SocketFilter"/>.
/// </summary>
internal static class SockDiagReader
{
    // Twice the largest datagram the kernel sends in a dump (32 KiB, net/netlink/af_netlink.c), so none is truncated.
    private const int BufferSize = 64 * 1024;

    /// <summary>Appends one family's TCP or UDP sockets to <paramref name="rows"/>.</summary>
    /// <returns>
    /// <see cref="InetDiagProgress.Done"/>, <see cref="InetDiagProgress.Full"/> when <paramref name="maxRows"/> was reached
    /// or the deadline passed (the rows so far are kept), or <see cref="InetDiagProgress.Failed"/> when the kernel refused
    /// (udp_diag not loaded gives ENOENT, an old kernel EINVAL): then nothing was appended and /proc is read instead.
    /// </returns>
    public static InetDiagProgress Read(
        NetlinkSocket socket, AddressFamily family, PortProtocol protocol, uint states, uint sequence, List<KernelSocket> rows, int maxRows, Stopwatch clock, TimeSpan deadline)
    {
        Span<byte> request = stackalloc byte[InetDiagRequest.Size];
        InetDiagRequest.Write(request, family, protocol, states, sequence, BitConverter.IsLittleEndian);
        if (!socket.TrySend(request))
        {
            return InetDiagProgress.Failed;
        }

        var start = rows.Count;
        var buffer = new byte[BufferSize];
        while (true)
        {
            var left = deadline - clock.Elapsed;
            var received = left <= TimeSpan.Zero ? -1 : socket.Receive(buffer, left);
            if (received < 0)
            {
                // Timed out mid-dump: what came is kept, like the fd scan past its budget.
                return rows.Count > start ? InetDiagProgress.Full : InetDiagProgress.Failed;
            }

            // An empty datagram never ends a dump (NLMSG_DONE does): treat it as a broken one.
            var progress = received == 0
                ? InetDiagProgress.Failed
                : InetDiagReplyParser.Parse(buffer.AsSpan(0, received), protocol, sequence, BitConverter.IsLittleEndian, rows, maxRows, out _);
            if (progress == InetDiagProgress.Failed)
            {
                rows.RemoveRange(start, rows.Count - start);
            }

            if (progress != InetDiagProgress.More)
            {
                return progress;
            }
        }
    }
}
