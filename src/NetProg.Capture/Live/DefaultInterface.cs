namespace NetProg.Capture.Live;

/// <summary>
/// Which interface to capture on when <c>--interface</c> is not given: the one that carries the port's traffic. A
/// connection on the port to another machine names it (the interface holding the local address); a server bound to one
/// non-loopback address names that one; otherwise loopback, where a lab on one machine talks to itself.
/// </summary>
public static class DefaultInterface
{
    /// <param name="interfaces">The capture devices.</param>
    /// <param name="sockets">Local and remote addresses of this machine's sockets on the port (remote null for a listener).</param>
    public static CaptureInterface? Choose(IReadOnlyList<CaptureInterface> interfaces, IEnumerable<(IPAddress Local, IPAddress? Remote)> sockets)
    {
        var list = sockets.ToList();
        foreach (var (local, remote) in list)
        {
            if (remote is not null && !IPAddress.IsLoopback(remote) && !remote.Equals(IPAddress.Any) && !remote.Equals(IPAddress.IPv6Any)
                && Holding(interfaces, local) is { } nic)
            {
                return nic;
            }
        }

        foreach (var (local, _) in list)
        {
            if (!IPAddress.IsLoopback(local) && !local.Equals(IPAddress.Any) && !local.Equals(IPAddress.IPv6Any) && Holding(interfaces, local) is { } nic)
            {
                return nic;
            }
        }

        return interfaces.FirstOrDefault(i => i.IsLoopback)
            ?? interfaces.FirstOrDefault(i => i.Addresses.Any(IPAddress.IsLoopback));
    }

    private static CaptureInterface? Holding(IReadOnlyList<CaptureInterface> interfaces, IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return interfaces.FirstOrDefault(i => !i.IsLoopback && i.Addresses.Any(a => a.Equals(plain)));
    }
}
