using System.Net.NetworkInformation;
using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics;

/// <summary>This machine's addresses, for <c>netprog lab</c> to print the commands to try "from another machine".</summary>
public static partial class LocalAddresses
{
    /// <summary>
    /// Lists every unicast address of every interface, ordered by <see cref="LocalAddressOrder"/>:
    /// up interfaces first; then IPv4 before IPv6 (the course's programs and students type IPv4);
    /// then by how likely another machine can use it: Private, SharedCgnat, Public, LinkLocal, Other, Loopback;
    /// then by interface name and address, so the output is stable between runs.
    /// Never throws: returns an empty list when the OS refuses to enumerate interfaces.
    /// </summary>
    public static IReadOnlyList<LocalAddress> List()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (Exception e) when (IsEnumerationFailure(e))
        {
            return [];
        }

        var addresses = new List<LocalAddress>();
        foreach (var networkInterface in interfaces)
        {
            try
            {
                var isUp = IsUp(networkInterface.OperationalStatus);
                foreach (var unicast in networkInterface.GetIPProperties().UnicastAddresses)
                {
                    addresses.Add(new LocalAddress(
                        networkInterface.Name,
                        unicast.Address,
                        PrefixLength(unicast),
                        Classify(unicast.Address),
                        isUp));
                }
            }
            catch (Exception e) when (IsEnumerationFailure(e))
            {
                // One interface that cannot be read (it vanished, a VPN adapter mid-teardown) must not hide the others.
            }
        }

        addresses.Sort(LocalAddressOrder.Compare);
        return addresses;
    }

    // NetworkInformationException wraps a failed getifaddrs()/GetAdaptersAddresses(); several members throw
    // PlatformNotSupportedException on some OSes (dotnet/runtime#31628, dotnet/corefx#32781).
    private static bool IsEnumerationFailure(Exception e) =>
        e is NetworkInformationException or PlatformNotSupportedException or SocketException or IOException;

    // Linux reports "unknown" in /sys/class/net/*/operstate for lo and for drivers that do not track carrier
    // (tun, some virtual NICs); the kernel says such an interface "must be considered for user data"
    // (Documentation/networking/operstates.rst, IF_OPER_UNKNOWN), so it counts as up.
    private static bool IsUp(OperationalStatus status) => status is OperationalStatus.Up or OperationalStatus.Unknown;

    private static int PrefixLength(UnicastIPAddressInformation unicast)
    {
        try
        {
            return unicast.PrefixLength;
        }
        catch (PlatformNotSupportedException)
        {
            // Fall back to the IPv4 mask where only that is implemented.
        }

        try
        {
            var mask = unicast.IPv4Mask;
            if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && mask is not null)
            {
                return mask.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));
            }
        }
        catch (PlatformNotSupportedException)
        {
            // Unknown; reported as -1.
        }

        return -1;
    }
}
