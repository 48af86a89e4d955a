namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>Where a <c>sock_diag</c> dump stands after one datagram of its reply.</summary>
internal enum InetDiagProgress
{
    /// <summary>Rows were read; the dump goes on in the next datagram.</summary>
    More,

    /// <summary>NLMSG_DONE: every socket was sent.</summary>
    Done,

    /// <summary>The row limit was reached: stop reading, the table is truncated.</summary>
    Full,

    /// <summary>NLMSG_ERROR (or a malformed reply): read this table from /proc instead.</summary>
    Failed,
}
