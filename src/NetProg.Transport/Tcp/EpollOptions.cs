namespace NetProg.Transport.Tcp;

/// <summary>
/// How netprog's epoll engine runs (<see cref="TransportEngine.Epoll"/>). The loops are the process's: the first server that
/// starts on epoll makes them with its options, and the servers that start later in the same process (time and echo in
/// <c>lab</c>) share them. Built at the command line's edge (<c>NETPROG_EPOLL_THREADS</c>, <c>NETPROG_BUSY_POLL</c>,
/// docs/TRANSPORT.md); nothing below it reads the environment.
/// </summary>
public sealed record EpollOptions
{
    /// <summary>The most loops a process may ask for.</summary>
    public const int MaxThreads = 64;

    /// <summary>The longest busy-poll a loop may be asked for, in microseconds.</summary>
    public const int MaxBusyPollMicroseconds = 10_000;

    /// <summary>
    /// Event-loop threads, 1 to <see cref="MaxThreads"/>; 0 (the default) makes half the processors, at least one. Half,
    /// because a server on loopback shares the machine with its clients, and one loop per busy core is what the C baseline is.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>
    /// Microseconds a loop keeps asking <c>epoll_wait(…, 0)</c> for the next event before it sleeps in
    /// <c>epoll_wait(…, -1)</c>, 0 to <see cref="MaxBusyPollMicroseconds"/>; 0 (the default) never spins. Spinning trades a
    /// core for the wake-up: a thread asleep in epoll_wait is woken some microseconds after the packet arrived (the
    /// scheduler's latency, more in a VM), which bounds a single connection's ping-pong. The C baseline's <c>-b</c> spins for
    /// ever; here the spin ends after this long without an event, so an idle server sleeps. Linux's own
    /// <c>net.core.busy_poll</c> polls device queues, which loopback does not have.
    /// </summary>
    public int BusyPollMicroseconds { get; init; }
}
