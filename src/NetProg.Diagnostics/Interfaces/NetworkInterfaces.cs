using System.Net.NetworkInformation;

namespace NetProg.Diagnostics.Interfaces;

/// <summary>This machine's interfaces, from System.Net.NetworkInformation (getifaddrs and /sys on Linux and macOS,
/// GetAdaptersAddresses on Windows).</summary>
public static class NetworkInterfaces
{
    /// <summary>
    /// Lists every interface with its state, MTU, MAC and labelled unicast addresses (IPv4 first).
    /// Never throws: a member the OS does not implement becomes null/unknown, and a failed enumeration gives an empty
    /// list with the reason.
    /// </summary>
    public static InterfaceList List()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return new InterfaceList([], $"cannot list network interfaces: {e.Message}");
        }

        var result = new List<NetworkInterfaceInfo>(interfaces.Length);
        string? reason = null;
        foreach (var networkInterface in interfaces)
        {
            try
            {
                result.Add(Read(networkInterface));
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                // One interface that vanished mid-read (a VPN adapter tearing down) must not hide the others.
                reason = $"some interfaces could not be read: {e.Message}";
            }
        }

        return new InterfaceList(result, reason);
    }

    private static NetworkInterfaceInfo Read(NetworkInterface networkInterface)
    {
        var name = networkInterface.Name;
        return new NetworkInterfaceInfo(
            name,
            Try(() => networkInterface.Description) ?? name,
            Try(() => networkInterface.NetworkInterfaceType.ToString()) ?? "Unknown",
            Try(() => (InterfaceState?)ToState(networkInterface.OperationalStatus)) ?? InterfaceState.Unknown,
            Mtu(networkInterface),
            Try(() => FormatMac(networkInterface.GetPhysicalAddress())),
            Addresses(networkInterface, name));
    }

    private static List<InterfaceAddress> Addresses(NetworkInterface networkInterface, string name)
    {
        var addresses = new List<InterfaceAddress>();
        var unicasts = Try(() => networkInterface.GetIPProperties().UnicastAddresses);
        if (unicasts is null)
        {
            return addresses;
        }

        foreach (var unicast in unicasts)
        {
            addresses.Add(new InterfaceAddress(unicast.Address, PrefixLength(unicast), AddressLabels.Classify(unicast.Address, name)));
        }

        // IPv4 first, as ip(8) prints "inet" before "inet6"; a stable sort keeps the OS's order within a family.
        return [.. addresses.OrderBy(a => a.Address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)];
    }

    private static InterfaceState ToState(OperationalStatus status) => status switch
    {
        OperationalStatus.Up => InterfaceState.Up,
        OperationalStatus.Down or OperationalStatus.LowerLayerDown or OperationalStatus.NotPresent => InterfaceState.Down,
        _ => InterfaceState.Unknown,
    };

    // IPv4 and IPv6 properties each carry the MTU; an interface without IPv4 throws NetworkInformationException
    // on Windows, and macOS does not implement some IPv4 members (dotnet/runtime#31628).
    private static int? Mtu(NetworkInterface networkInterface)
    {
        var properties = Try(networkInterface.GetIPProperties);
        if (properties is null)
        {
            return null;
        }

        var mtu = Try(() => (int?)properties.GetIPv4Properties()?.Mtu);
        return mtu is > 0 ? mtu : Try(() => (int?)properties.GetIPv6Properties()?.Mtu) is int v6 and > 0 ? v6 : null;
    }

    private static string? FormatMac(PhysicalAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 0 ? null : string.Join(':', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static int PrefixLength(UnicastIPAddressInformation unicast)
    {
        var prefix = Try(() => (int?)unicast.PrefixLength);
        if (prefix is >= 0)
        {
            return prefix.Value;
        }

        // Where only the IPv4 mask is implemented, count its bits.
        var mask = unicast.Address.AddressFamily == AddressFamily.InterNetwork ? Try(() => unicast.IPv4Mask) : null;
        return mask is null ? -1 : mask.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));
    }

    // Several NetworkInformation members throw PlatformNotSupportedException on Linux or macOS (dotnet/corefx#32781), and
    // NetworkInformationException when the interface vanished; each becomes "not reported".
    private static T? Try<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return null;
        }
    }

    private static T? Try<T>(Func<T?> read)
        where T : struct
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            return null;
        }
    }

    private static bool IsReadFailure(Exception e) =>
        e is NetworkInformationException or PlatformNotSupportedException or SocketException or IOException
            or UnauthorizedAccessException or InvalidOperationException;
}
