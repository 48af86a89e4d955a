namespace NetProg.Services.Check;

/// <summary>
/// Every check's id (part of the interface: scripts grade with them, <c>--only</c> selects them) and, per kind, the
/// checks that apply in the order they run: reachability first, then what is seen over the network, then what needs the
/// program on this machine (its sockets, descriptors, CPU, a restart), and whether it crashed last.
/// </summary>
public static class CheckIds
{
    // Servers, over the network.
    public const string Reachable = "reachable";
    public const string TimeFormat = "time-format";
    public const string Clock = "clock";
    public const string ClosesAfterReply = "closes-after-reply";
    public const string ConcurrentClients = "concurrent-clients";
    public const string FragmentedInput = "fragmented-input";
    public const string LongMessage = "long-message";
    public const string BinaryData = "binary-data";
    public const string StaleBytes = "stale-bytes";
    public const string Bulk = "bulk";
    public const string HalfClose = "half-close";
    public const string AbruptClose = "abrupt-close";
    public const string UdpTruncation = "udp-truncation";
    public const string UdpEmpty = "udp-empty";
    public const string UdpReplySource = "udp-reply-source";
    public const string UdpMultiClient = "udp-multi-client";

    // Login server.
    public const string Login = "login";
    public const string WrongPassword = "wrong-password";
    public const string Enumeration = "enumeration";
    public const string FragmentedLogin = "fragmented-login";
    public const string LongLine = "long-line";
    public const string ResetMidLogin = "reset-mid-login";
    public const string ConcurrentSessions = "concurrent-sessions";

    // Servers on this machine or started by netprog.
    public const string PortByteOrder = "port-byte-order";
    public const string ListenAddress = "listen-address";
    public const string ClosesSocket = "closes-socket";
    public const string FdLeak = "fd-leak";
    public const string BusyLoop = "busy-loop";
    public const string Restart = "restart";
    public const string Crash = "crash";

    // Clients (netprog plays the server).
    public const string Basic = "basic";
    public const string FragmentedReply = "fragmented-reply";
    public const string WithNul = "with-nul";
    public const string WithoutNul = "without-nul";
    public const string LongReply = "long-reply";
    public const string Refused = "refused";
    public const string ClosedEarly = "closed-early";
    public const string NoReply = "no-reply";
    public const string EchoEof = "echo-eof";

    /// <summary>The checks that need the server's process on this machine (SKIP for a remote one).</summary>
    public static readonly IReadOnlySet<string> Local = new HashSet<string>(StringComparer.Ordinal)
    {
        PortByteOrder, ListenAddress, ClosesSocket, FdLeak, BusyLoop, Restart, Crash,
    };

    /// <summary>The checks of <paramref name="kind"/>, in the order they run.</summary>
    public static IReadOnlyList<string> For(CheckKind kind) => kind switch
    {
        CheckKind.TimeServer =>
            [Reachable, TimeFormat, Clock, ClosesAfterReply, ConcurrentClients, PortByteOrder, ListenAddress, ClosesSocket, FdLeak, BusyLoop, Restart, Crash],
        CheckKind.UdpTimeServer =>
            [Reachable, TimeFormat, Clock, UdpEmpty, UdpReplySource, UdpMultiClient, PortByteOrder, ListenAddress, BusyLoop, Restart, Crash],
        CheckKind.EchoServer =>
            [Reachable, ConcurrentClients, FragmentedInput, LongMessage, BinaryData, StaleBytes, Bulk, HalfClose, AbruptClose, PortByteOrder, ListenAddress, ClosesSocket, FdLeak, BusyLoop, Restart, Crash],
        CheckKind.UdpEchoServer =>
            [Reachable, UdpTruncation, UdpEmpty, BinaryData, StaleBytes, UdpReplySource, UdpMultiClient, PortByteOrder, ListenAddress, BusyLoop, Restart, Crash],
        CheckKind.LoginServer =>
            [Reachable, Login, WrongPassword, Enumeration, FragmentedLogin, LongLine, ResetMidLogin, ConcurrentSessions, PortByteOrder, ListenAddress, ClosesSocket, FdLeak, BusyLoop, Restart, Crash],
        CheckKind.TimeClient => [Basic, FragmentedReply, WithNul, WithoutNul, Refused, ClosedEarly, NoReply],
        CheckKind.UdpTimeClient => [Basic, WithNul, WithoutNul, Refused, NoReply],
        CheckKind.EchoClient => [Basic, FragmentedReply, LongReply, Refused, ClosedEarly, NoReply, EchoEof],
        CheckKind.UdpEchoClient => [Basic, LongReply, Refused, NoReply, EchoEof],
        _ => [],
    };
}
