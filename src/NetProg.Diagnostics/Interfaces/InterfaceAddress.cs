namespace NetProg.Diagnostics.Interfaces;

/// <summary>One unicast address of an interface.</summary>
/// <param name="Address">The address; IPv6 link-local addresses carry their scope id (zone).</param>
/// <param name="PrefixLength">The network prefix length (24 for 255.255.255.0), or -1 when the OS does not report it.</param>
/// <param name="Label">See <see cref="AddressLabels.Classify(IPAddress, string)"/>.</param>
public sealed record InterfaceAddress(IPAddress Address, int PrefixLength, AddressLabel Label);
