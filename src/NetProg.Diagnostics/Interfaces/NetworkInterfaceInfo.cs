namespace NetProg.Diagnostics.Interfaces;

/// <summary>One network interface, as <c>ip a</c> or <c>ifconfig</c> shows it.</summary>
/// <param name="Name">The OS name ("lo", "eth0", "en0", "Ethernet", "VMware Network Adapter VMnet8").</param>
/// <param name="Description">The OS description (the adapter model on Windows; the name again on Linux and macOS).</param>
/// <param name="Kind">The interface type as .NET reports it ("Ethernet", "Loopback", "Wireless80211", "Tunnel" ...).</param>
/// <param name="State">Up, down or unknown.</param>
/// <param name="Mtu">The MTU in bytes, or null when the OS does not report it.</param>
/// <param name="Mac">The hardware address as aa:bb:cc:dd:ee:ff, or null when there is none (loopback, tunnels).</param>
/// <param name="Addresses">Every unicast address, IPv4 first, in the OS's order otherwise.</param>
public sealed record NetworkInterfaceInfo(
    string Name,
    string Description,
    string Kind,
    InterfaceState State,
    int? Mtu,
    string? Mac,
    IReadOnlyList<InterfaceAddress> Addresses);
