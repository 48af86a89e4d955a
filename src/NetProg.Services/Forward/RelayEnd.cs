namespace NetProg.Services.Forward;

/// <summary>How a relayed connection or UDP session ended, for its log line.</summary>
public enum RelayEnd
{
    /// <summary>Both sides sent FIN (TCP), each half-close passed on to the other side.</summary>
    Closed,
    /// <summary>The client reset the connection; the target was reset too.</summary>
    ClientReset,
    /// <summary>The target reset the connection; the client was reset too.</summary>
    TargetReset,
    /// <summary>The target answered the SYN with RST (nothing listens there), or a UDP datagram with ICMP port unreachable.</summary>
    TargetRefused,
    /// <summary>ICMP host or network unreachable, or no route, on the way to the target.</summary>
    TargetUnreachable,
    /// <summary>The target did not answer the SYN within the connect timeout.</summary>
    TargetTimedOut,
    /// <summary>Connecting to the target failed in another way.</summary>
    TargetFailed,
    /// <summary>No byte (TCP) or datagram (UDP) either way for the idle or UDP timeout.</summary>
    IdleTimeout,
    /// <summary>A UDP session the target never answered, silent for <see cref="ForwardOptions.UnansweredUdpTimeout"/>.</summary>
    Unanswered,
    /// <summary>The forwarder was stopped.</summary>
    Stopped,
}
