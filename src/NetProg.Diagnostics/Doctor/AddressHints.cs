using System.Net;
using System.Net.Sockets;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What the addresses alone say about the path: the course's Q&amp;A causes (course/NOTES.md) — VirtualBox NAT, a
/// self-assigned address, a private server address seen from outside its network, carrier-grade NAT. Pure.
/// </summary>
public static class AddressHints
{
    private static readonly IPAddress VirtualBoxNat = IPAddress.Parse("10.0.2.0");

    public static IReadOnlyList<DoctorCheck> For(IPAddress target, IPAddress? source, IReadOnlyList<LocalAddress> local)
    {
        var hints = new List<DoctorCheck>();
        var targetScope = LocalAddresses.Classify(target);
        var isThisMachine = IPAddress.IsLoopback(target) || local.Any(l => l.Address.Equals(target));

        foreach (var address in local.Where(l => l.IsUp && l.Address.AddressFamily == AddressFamily.InterNetwork))
        {
            if (address.Scope == AddressScope.LinkLocal)
            {
                hints.Add(new DoctorCheck(
                    "addresses", CheckStatus.Warning,
                    $"{address.InterfaceName} has the self-assigned address {address.Address}: DHCP failed on it, so it reaches no one.",
                    "Renew the address (Windows: ipconfig /renew; Linux: dhclient), or repair the VM network adapter (VMware: Virtual Network Editor, restore defaults)."));
            }

            if (Doctor.SameSubnet(address.Address, VirtualBoxNat, 24))
            {
                hints.Add(new DoctorCheck(
                    "addresses", CheckStatus.Warning,
                    $"this machine has {address.Address}: a VirtualBox NAT address. Other machines, the host included, cannot connect to it.",
                    "Switch the VM's adapter to Bridged, or add a port-forwarding rule in VirtualBox (Settings > Network > Port Forwarding)."));
            }
        }

        if (isThisMachine)
        {
            return hints;
        }

        if (targetScope == AddressScope.Private && source is not null && LocalAddresses.Classify(source) is AddressScope.Public or AddressScope.SharedCgnat)
        {
            hints.Add(new DoctorCheck(
                "addresses", CheckStatus.Warning,
                $"{target} is a private address, and this machine is outside private networks: a private address is only reachable inside its own network.",
                "Connect to the public address of the server's router instead, with a port-forwarding rule on that router to the server."));
        }

        if (targetScope == AddressScope.SharedCgnat)
        {
            hints.Add(new DoctorCheck(
                "addresses", CheckStatus.Warning,
                $"{target} is in 100.64.0.0/10, the carrier-grade NAT range (RFC 6598): the provider's NAT sits in front, and a forwarding rule on a home router cannot help.",
                "Use a machine with a public address (a cloud VM), a VPN, or ask the provider for a public address."));
        }

        if (targetScope == AddressScope.LinkLocal && target.AddressFamily == AddressFamily.InterNetwork)
        {
            hints.Add(new DoctorCheck(
                "addresses", CheckStatus.Warning,
                $"{target} is a self-assigned (169.254) address: that machine did not get an address from DHCP.",
                "Fix the server's network first: it needs a real address."));
        }

        return hints;
    }
}
