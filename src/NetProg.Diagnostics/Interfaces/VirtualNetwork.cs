namespace NetProg.Diagnostics.Interfaces;

/// <summary>A network a hypervisor or container engine creates with well-known defaults, which explains an address.</summary>
public enum VirtualNetwork
{
    /// <summary>Not recognised as a virtual network.</summary>
    None,

    /// <summary>
    /// VirtualBox's per-VM NAT: 10.0.2.0/24, the guest is 10.0.2.15, the host is reachable as 10.0.2.2
    /// (VirtualBox manual, "Network Address Translation (NAT)"); other machines reach the guest only through a port-forwarding rule.
    /// </summary>
    VirtualBoxNat,

    /// <summary>Docker's default bridge: 172.17.0.0/16 on docker0, the host side is 172.17.0.1 (Docker docs, "Bridge network driver").</summary>
    DockerBridge,

    /// <summary>VMware's host-only network: the host-side adapter vmnet1 ("VMware Network Adapter VMnet1" on Windows), usually 192.168.x.1.</summary>
    VMwareHostOnly,

    /// <summary>VMware's NAT network: the host-side adapter vmnet8 ("VMware Network Adapter VMnet8" on Windows), usually 192.168.x.1.</summary>
    VMwareNat,
}
