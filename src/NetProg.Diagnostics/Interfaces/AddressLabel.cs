namespace NetProg.Diagnostics.Interfaces;

/// <summary>What an address means for who can reach it, in words a student can act on.</summary>
/// <param name="Scope">The range it falls in (<see cref="LocalAddresses.Classify(System.Net.IPAddress)"/>).</param>
/// <param name="Text">The scope in words: "loopback", "link-local (self-assigned: DHCP failed)", "private (RFC 1918)" ...</param>
/// <param name="VirtualNetwork">A hypervisor or container network the address or interface is known to belong to.</param>
/// <param name="Note">What that virtual network means for reaching this address, or null.</param>
public sealed record AddressLabel(AddressScope Scope, string Text, VirtualNetwork VirtualNetwork, string? Note);
