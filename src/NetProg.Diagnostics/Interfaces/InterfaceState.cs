namespace NetProg.Diagnostics.Interfaces;

/// <summary>Whether an interface can carry traffic, as <c>ip link</c> reports it (UP, DOWN, UNKNOWN).</summary>
public enum InterfaceState
{
    /// <summary>Operational: carrier present and administratively up.</summary>
    Up,

    /// <summary>Down, lower layer down, or not present.</summary>
    Down,

    /// <summary>
    /// The driver does not track carrier: Linux reports "unknown" in /sys/class/net/*/operstate for lo, tun and some
    /// virtual NICs (Documentation/networking/operstates.rst, IF_OPER_UNKNOWN), and such an interface still carries traffic.
    /// </summary>
    Unknown,
}
