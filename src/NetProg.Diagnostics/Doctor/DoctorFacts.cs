using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What a check measured or read, as typed values; each finding fills the fields it is about and leaves the others
/// null. Text that came from the network or another program (<see cref="Reply"/>, <see cref="Rule"/>, process and
/// interface names, <see cref="ErrorMessage"/>) is kept as it came: the CLI makes it printable when it shows it.
/// </summary>
public sealed record DoctorFacts
{
    /// <summary>No facts: the finding says it all.</summary>
    public static readonly DoctorFacts None = new();

    /// <summary>The host as typed.</summary>
    public string? Host { get; init; }

    /// <summary>Every address the host name resolved to.</summary>
    public IReadOnlyList<IPAddress>? Addresses { get; init; }

    /// <summary>The address the finding is about: the target, or this machine's own address for an address hint.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The other side of this machine tried for comparison (loopback, or a LAN address).</summary>
    public IPAddress? OtherAddress { get; init; }

    /// <summary>The source address the OS chose for the target.</summary>
    public IPAddress? Source { get; init; }

    /// <summary>The local interface the finding names.</summary>
    public string? Interface { get; init; }

    /// <summary>That interface's prefix length, for a target on its subnet.</summary>
    public int? PrefixLength { get; init; }

    public int? Port { get; init; }

    public TransportProtocol? Protocol { get; init; }

    /// <summary>How long the probe took until its answer (or until the timeout), in milliseconds.</summary>
    public double? ElapsedMilliseconds { get; init; }

    /// <summary>The classified error of a probe (host unreachable, no route, prohibited, ...).</summary>
    public SocketErrorKind? Error { get; init; }

    /// <summary>The OS's error code, where no class fits (no route to the target).</summary>
    public SocketError? SocketError { get; init; }

    /// <summary>The OS's or the resolver's own words for an error no class fits.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>
    /// True on Windows when the timeout was under 2.5 s: Windows takes about 2 s to report a refusal even on loopback
    /// (it tries the connection again after the RST before it gives up), so a shorter wait can call a closed port filtered.
    /// </summary>
    public bool? WindowsSlowToRefuse { get; init; }

    /// <summary>What the server sent: its banner line, its time text, or the first bytes of another reply.</summary>
    public string? Reply { get; init; }

    /// <summary>How many bytes the server sent.</summary>
    public int? ReplyLength { get; init; }

    /// <summary>The processes that hold the port on this machine.</summary>
    public IReadOnlyList<ListeningProcess>? Owners { get; init; }

    /// <summary>The firewall rule as its tool prints it (nft, iptables -S, ufw status).</summary>
    public string? Rule { get; init; }

    /// <summary>A Windows Firewall rule's display name.</summary>
    public string? RuleName { get; init; }

    /// <summary>The program a Windows Firewall rule is limited to, or null when it applies to every program.</summary>
    public string? Program { get; init; }

    /// <summary>The Windows Firewall profile (Public, Private, Domain) of the networks in <see cref="Interfaces"/>.</summary>
    public string? Profile { get; init; }

    /// <summary>The network interfaces in <see cref="Profile"/>; empty when no network is connected.</summary>
    public IReadOnlyList<string>? Interfaces { get; init; }

    /// <summary>Why the Windows Defender Firewall query gave no answer.</summary>
    public FirewallQueryProblem? Query { get; init; }
}
