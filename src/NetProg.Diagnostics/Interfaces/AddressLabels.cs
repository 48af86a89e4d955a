using System.Buffers.Binary;

namespace NetProg.Diagnostics.Interfaces;

/// <summary>Labels an interface address: its scope in words, plus the virtual network it is known to belong to.</summary>
public static class AddressLabels
{
    /// <summary>
    /// Classifies <paramref name="address"/> with <see cref="LocalAddresses.Classify(IPAddress)"/> and recognises the
    /// default networks of VirtualBox NAT (10.0.2.0/24), Docker (172.17.0.0/16) and VMware's host-side adapters
    /// (interfaces vmnet1/vmnet8). Pure: the same input always gives the same label.
    /// </summary>
    /// <param name="address">The address.</param>
    /// <param name="interfaceName">The interface it is configured on (VMware is recognised by name, not by address:
    /// its 192.168.x.0/24 subnets are chosen at install time, vmnetcfg / vmnet-cli).</param>
    public static AddressLabel Classify(IPAddress address, string interfaceName)
    {
        var scope = LocalAddresses.Classify(address);
        var text = Describe(scope, address);
        var (network, note) = VirtualNetworkOf(address, interfaceName, scope);
        return new AddressLabel(scope, text, network, note);
    }

    private static string Describe(AddressScope scope, IPAddress address) => scope switch
    {
        AddressScope.Loopback => Strings.Label_Loopback,
        // RFC 3927: a host picks a 169.254/16 address itself when no DHCP server answered.
        // IPv6 fe80::/10 is always present and means nothing is wrong (RFC 4291 section 2.5.6).
        AddressScope.LinkLocal => IsIPv4(address) ? Strings.Label_LinkLocalV4 : Strings.Label_LinkLocal,
        AddressScope.Private => IsIPv4(address) ? Strings.Label_PrivateV4 : Strings.Label_PrivateV6,
        AddressScope.SharedCgnat => Strings.Label_Cgnat,
        AddressScope.Public => Strings.Label_Public,
        _ => Strings.Label_Special,
    };

    private static (VirtualNetwork Network, string? Note) VirtualNetworkOf(IPAddress address, string interfaceName, AddressScope scope)
    {
        // VMware is named first: its adapter is what the student must look at, whatever address it has.
        var vmware = VMwareAdapter(interfaceName);
        if (vmware != VirtualNetwork.None)
        {
            var kind = vmware == VirtualNetwork.VMwareNat ? Strings.Label_VMnet8 : Strings.Label_VMnet1;
            var note = scope == AddressScope.LinkLocal && IsIPv4(address)
                // A case from the course's week-4 lab (docs/DOCTOR.md, step 7): a self-assigned address on VMnet8 means
                // VMware's DHCP/NAT service is broken.
                ? string.Format(Strings.Label_VMwareBroken, kind)
                : string.Format(Strings.Label_VMwareHost, kind);
            return (vmware, note);
        }

        if (!TryIPv4(address, out var value))
        {
            return (VirtualNetwork.None, null);
        }

        if ((value & 0xFFFFFF00) == 0x0A000200)
        {
            // VirtualBox manual, "Network Address Translation (NAT)": guest 10.0.2.15, host/gateway 10.0.2.2, DNS 10.0.2.3.
            var note = value == 0x0A00020F
                ? Strings.Label_VirtualBoxGuest
                : Strings.Label_VirtualBoxNetwork;
            return (VirtualNetwork.VirtualBoxNat, note);
        }

        if ((value & 0xFFFF0000) == 0xAC110000)
        {
            // Docker's default bridge (docker0) is 172.17.0.0/16 with the host at 172.17.0.1.
            var note = value == 0xAC110001 || interfaceName.Equals("docker0", StringComparison.Ordinal)
                ? Strings.Label_DockerHost
                : Strings.Label_DockerNetwork;
            return (VirtualNetwork.DockerBridge, note);
        }

        return (VirtualNetwork.None, null);
    }

    // "vmnet1"/"vmnet8" on Linux and macOS (vmware-networks), "VMware Network Adapter VMnet1"/"VMnet8" on Windows.
    private static VirtualNetwork VMwareAdapter(string name)
    {
        var trimmed = name.TrimEnd();
        if (trimmed.EndsWith("vmnet8", StringComparison.OrdinalIgnoreCase) && IsWordStart(trimmed, trimmed.Length - 6))
        {
            return VirtualNetwork.VMwareNat;
        }

        if (trimmed.EndsWith("vmnet1", StringComparison.OrdinalIgnoreCase) && IsWordStart(trimmed, trimmed.Length - 6))
        {
            return VirtualNetwork.VMwareHostOnly;
        }

        return VirtualNetwork.None;
    }

    private static bool IsWordStart(string s, int index) => index == 0 || !char.IsLetterOrDigit(s[index - 1]);

    private static bool IsIPv4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;

    private static bool TryIPv4(IPAddress address, out uint value)
    {
        value = 0;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        _ = address.TryWriteBytes(bytes, out _);
        value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }
}
