namespace NetProg.Diagnostics;

/// <summary>One unicast address configured on this machine.</summary>
/// <param name="InterfaceName">The OS interface name ("eth0", "en0", "Ethernet", "VMware Network Adapter VMnet8").</param>
/// <param name="Address">The address; IPv6 link-local addresses carry their scope id (zone).</param>
/// <param name="PrefixLength">The network prefix length (24 for 255.255.255.0), or -1 when the OS does not report it.</param>
/// <param name="Scope">See <see cref="LocalAddresses.Classify(IPAddress)"/>.</param>
/// <param name="IsUp">Whether the interface can carry traffic now.</param>
public sealed record LocalAddress(string InterfaceName, IPAddress Address, int PrefixLength, AddressScope Scope, bool IsUp);
