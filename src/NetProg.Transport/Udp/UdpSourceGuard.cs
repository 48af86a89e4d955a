using System.Buffers.Binary;

namespace NetProg.Transport.Udp;

/// <summary>
/// Decides, from the source address alone, whether a UDP service may answer a datagram. Two services that answer every datagram
/// can be made to answer each other forever with one spoofed packet (CVE-1999-0103, CERT CA-1996-01).
/// The rules are OpenBSD inetd's <c>dg_badinput</c> (source port 0, below 1024, 2049; broadcast and multicast sources) plus
/// FreeBSD inetd's <c>check_loop</c> (a port this process serves). Unlike OpenBSD, 127/8 is allowed: the course runs on loopback.
/// Pure: no sockets, so it is tested with plain addresses.
/// </summary>
public sealed class UdpSourceGuard
{
    private const int NfsPort = 2049;
    private const int FirstUnprivilegedPort = 1024;

    private readonly Func<int, bool> _isOwnPort;
    private readonly HashSet<IPAddress> _broadcastAddresses;

    /// <param name="isOwnPort">True for the UDP ports this process serves.</param>
    /// <param name="broadcastAddresses">The directed broadcast addresses of this machine's interfaces (255.255.255.255 is always added).</param>
    public UdpSourceGuard(Func<int, bool> isOwnPort, IEnumerable<IPAddress> broadcastAddresses)
    {
        _isOwnPort = isOwnPort;
        _broadcastAddresses = [.. broadcastAddresses, IPAddress.Broadcast];
    }

    public UdpDropReason Check(IPEndPoint source)
    {
        var address = EndPointText.Normalize(source.Address);
        var port = source.Port;

        if (port == 0)
        {
            return UdpDropReason.SourcePortZero;
        }

        if (port < FirstUnprivilegedPort)
        {
            return UdpDropReason.PrivilegedSourcePort;
        }

        if (port == NfsPort)
        {
            return UdpDropReason.NfsSourcePort;
        }

        if (_isOwnPort(port))
        {
            return UdpDropReason.OwnServicePort;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _); // Not GetAddressBytes(): an array per datagram.
            var first = bytes[0];
            if (first >= 224 && first <= 239)
            {
                return UdpDropReason.MulticastSource;
            }

            // 0.0.0.0/8 is "this network": never a valid source to answer (RFC 1122 §3.2.1.3).
            if (first == 0)
            {
                return UdpDropReason.MulticastSource;
            }

            if (_broadcastAddresses.Contains(address))
            {
                return UdpDropReason.BroadcastSource;
            }
        }
        else if (address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None))
        {
            return UdpDropReason.MulticastSource;
        }

        return UdpDropReason.None;
    }

    /// <summary>The directed broadcast address of every IPv4 interface of this machine (address | ~mask).</summary>
    public static IReadOnlyList<IPAddress> LocalBroadcastAddresses()
    {
        var result = new List<IPAddress>();
        try
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily != AddressFamily.InterNetwork || unicast.PrefixLength is <= 0 or >= 31)
                    {
                        continue;
                    }

                    var bytes = unicast.Address.GetAddressBytes();
                    var broadcast = BinaryPrimitives.ReadUInt32BigEndian(bytes) | (uint.MaxValue >> unicast.PrefixLength);
                    BinaryPrimitives.WriteUInt32BigEndian(bytes, broadcast);
                    result.Add(new IPAddress(bytes));
                }
            }
        }
        catch (Exception e) when (e is System.Net.NetworkInformation.NetworkInformationException or PlatformNotSupportedException)
        {
            // Without interface data only 255.255.255.255 is recognised; the other rules still apply.
        }

        return result;
    }
}
