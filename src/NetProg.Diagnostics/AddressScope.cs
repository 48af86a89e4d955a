namespace NetProg.Diagnostics;

/// <summary>Where an address can be reached from, which decides what <c>netprog lab</c> tells a student to try.</summary>
public enum AddressScope
{
    /// <summary>127.0.0.0/8 and ::1: this machine only.</summary>
    Loopback,

    /// <summary>
    /// 169.254.0.0/16 (RFC 3927) and fe80::/10 (RFC 4291): the link only. An IPv4 one is self-assigned after DHCP
    /// failed; on a VMware VMnet adapter (VMnet8 in NAT mode) it means VMware's DHCP/NAT service is broken and
    /// needs repair or a reinstall (a case from the course's week-4 lab; docs/DOCTOR.md, step 7).
    /// </summary>
    LinkLocal,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique-local fc00::/7 (RFC 4193): the LAN, or the
    /// host and its VMs; reachable from the internet only through a port-forwarding rule.</summary>
    Private,

    /// <summary>100.64.0.0/10 (RFC 6598): the ISP's carrier-grade NAT; a home port-forwarding rule cannot help.</summary>
    SharedCgnat,

    /// <summary>Global unicast: reachable from the internet unless a firewall says otherwise.</summary>
    Public,

    /// <summary>Anything else: unspecified, multicast, documentation and benchmarking ranges, reserved blocks.</summary>
    Other,
}
