namespace NetProg.Diagnostics.Sockets;

/// <summary>
/// The state names of <see cref="SocketEntry.State"/>. TCP states are RFC 9293 §3.3.2's, spelled as Linux netstat
/// prints them (net-tools netstat.c tcp_state[]), so the same word means the same thing on every OS.
/// </summary>
public static class SocketStates
{
    public const string Established = "ESTABLISHED";
    public const string SynSent = "SYN_SENT";
    public const string SynReceived = "SYN_RECV";
    public const string FinWait1 = "FIN_WAIT1";
    public const string FinWait2 = "FIN_WAIT2";
    public const string TimeWait = "TIME_WAIT";
    public const string Close = "CLOSE";
    public const string CloseWait = "CLOSE_WAIT";
    public const string LastAck = "LAST_ACK";
    public const string Listen = "LISTEN";
    public const string Closing = "CLOSING";

    /// <summary>Windows' DELETE_TCB: a connection being torn down.</summary>
    public const string DeleteTcb = "DELETE_TCB";

    /// <summary>A UDP socket with no fixed peer (ss(8) prints "UNCONN"): a UDP server's socket.</summary>
    public const string Unconnected = "UNCONN";

    /// <summary>A state number this version does not know, e.g. "UNKNOWN(0x0D)".</summary>
    public static string Unknown(int code) => $"UNKNOWN(0x{code:X2})";
}
