namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What one check found, one value per kind of finding; the facts that go with it are in <see cref="DoctorFacts"/>
/// (which fields each uses: docs/DOCTOR.md, "--json"). Written in <c>--json</c> as its camelCase name, stable across
/// versions; a new kind of finding is a new value, never a renamed one.
/// </summary>
public enum DoctorFinding
{
    // name
    NameDoesNotResolve,
    NameIsAddress,
    NameResolves,

    // path
    PathNoRoute,
    PathLoopback,
    PathOwnAddress,
    PathOnLink,
    PathGateway,

    // addresses
    SelfAssigned,
    VirtualBoxNat,
    PrivateFromOutside,
    Cgnat,
    TargetSelfAssigned,

    // port, TCP (nmap's connect scan)
    TcpOpen,
    TcpClosed,
    TcpFiltered,
    TcpUnreachable,
    TcpError,

    // port, UDP (nmap's UDP scan)
    UdpOpenEcho,
    UdpOpenTime,
    UdpOpenOther,
    UdpClosed,
    UdpOpenOrFiltered,
    UdpUnreachable,

    // service
    ServiceBanner,
    ServiceTime,
    ServiceTimeClosed,
    ServiceUnasked,
    ServiceClosedSilently,
    ServiceNoData,
    ServiceEcho,
    ServiceSilent,
    ServiceOther,

    // listener
    ListenerHeldBy,
    ListenerNothing,
    ListenerLoopbackOnly,
    ListenerLoopbackOnlyLocal,

    // firewall
    FirewallNotRead,
    FirewallCannotRead,
    FirewallNothingBlocks,
    FirewallTestedLocally,
    NftDrops,
    NftRejects,
    NftAccepts,
    NftPolicyDrop,
    IptablesBlocks,
    IptablesAccepts,
    IptablesPolicyDrop,
    FirewalldAllows,
    FirewalldBlocks,
    UfwAllows,
    UfwBlocks,
    UfwNoRule,
    WindowsFirewallNotQueried,
    WindowsFirewallOff,
    WindowsFirewallBlocks,
    WindowsFirewallAllows,
    WindowsFirewallDefaultAllow,
    WindowsFirewallNoRule,
    WindowsFirewallNoRuleUnsure,
}
