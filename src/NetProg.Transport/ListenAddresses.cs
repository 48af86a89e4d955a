namespace NetProg.Transport;

/// <summary>Which local addresses a server binds.</summary>
public static class ListenAddresses
{
    /// <summary>
    /// With no <c>--bind</c>: every interface, IPv4 and IPv6, as two sockets (<c>0.0.0.0</c> and <c>[::]</c> with IPV6_V6ONLY set).
    /// Two explicit sockets rather than one dual-mode <c>[::]</c> socket because the default of IPV6_V6ONLY differs by OS
    /// (Linux 0, net.ipv6.bindv6only in ipv6(7); macOS/FreeBSD 1, net.inet6.ip6.v6only in inet6(4); Windows 1, "Dual-Stack
    /// Sockets for IPv6 Winsock Applications" on learn.microsoft.com), and because <c>netstat -na | grep 30000</c>, the check
    /// the course teaches, then shows the familiar <c>0.0.0.0:30000</c> line.
    /// </summary>
    public static IReadOnlyList<IPAddress> Any()
    {
        var list = new List<IPAddress> { IPAddress.Any };
        if (Socket.OSSupportsIPv6)
        {
            list.Add(IPAddress.IPv6Any);
        }

        return list;
    }

    /// <summary>
    /// The addresses for <c>--bind</c> values: literals as given, names resolved (<c>localhost</c> gives 127.0.0.1 and ::1).
    /// An empty list means <see cref="Any"/>.
    /// </summary>
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(IReadOnlyList<string> binds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (binds.Count == 0)
        {
            return Any();
        }

        var result = new List<IPAddress>();
        foreach (var bind in binds)
        {
            var addresses = await HostResolver.ResolveAsync(bind, timeout, TransportProtocol.Tcp, cancellationToken).ConfigureAwait(false);
            foreach (var address in addresses)
            {
                if (!result.Contains(address))
                {
                    result.Add(address);
                }
            }
        }

        return result;
    }
}
