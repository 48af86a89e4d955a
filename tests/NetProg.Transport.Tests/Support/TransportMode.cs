namespace NetProg.Transport.Tests.Support;

/// <summary>The ways a <see cref="Tcp.TcpServer"/> can run: each TCP test class runs its tests in all three.</summary>
public enum TransportMode
{
    /// <summary>.NET's sockets (the Windows and macOS engine).</summary>
    Sockets,

    /// <summary>netprog's epoll loop, handlers on the thread pool (login).</summary>
    Epoll,

    /// <summary>netprog's epoll loop, handlers on the loop's thread (time, echo).</summary>
    EpollInline,
}
