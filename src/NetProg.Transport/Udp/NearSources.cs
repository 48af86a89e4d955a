using System.Net.NetworkInformation;

namespace NetProg.Transport.Udp;

/// <summary>
/// Which source addresses are "near": loopback, link-local, RFC 1918 private, IPv6 unique local (fc00::/7, RFC 4193), and every
/// subnet on-link on one of this machine's interfaces. A reflection aimed at a near address has to be sent from the network that
/// address is on (routers do not carry these ranges between sites, RFC 1918 §3; RFC 4193 §4.1; and a spoofed on-link source has
/// to come from the link or through the one router of it), so the per-source rate limit, which exists against reflection at far
/// victims, does not apply to them: a course client on loopback or the LAN, or a forwarder in front of the server, is answered
/// at full speed. Pure: the on-link subnets are given, so it is tested with plain addresses.
/// </summary>
public sealed class NearSources
{
    private static readonly Prefix[] Fixed =
    [
        Prefix.V4(127, 0, 0, 0, 8), // loopback (RFC 1122 §3.2.1.3)
        Prefix.V4(10, 0, 0, 0, 8), // RFC 1918
        Prefix.V4(172, 16, 0, 0, 12), // RFC 1918
        Prefix.V4(192, 168, 0, 0, 16), // RFC 1918
        Prefix.V4(169, 254, 0, 0, 16), // IPv4 link-local (RFC 3927)
        new(0, 1, 128), // ::1 (RFC 4291 §2.5.3)
        new(0xFE80_0000_0000_0000UL, 0, 10), // IPv6 link-local (RFC 4291 §2.5.6)
        new(0xFC00_0000_0000_0000UL, 0, 7), // IPv6 unique local (RFC 4193)
    ];

    private readonly Prefix[] _prefixes;

    /// <param name="onLinkSubnets">This machine's on-link subnets (an interface address and its prefix length).</param>
    public NearSources(IEnumerable<(IPAddress Address, int PrefixLength)> onLinkSubnets)
    {
        _prefixes = [.. Fixed, .. onLinkSubnets.Select(s => Prefix.Of(EndPointText.Normalize(s.Address), s.PrefixLength))];
    }

    /// <summary>Only the fixed ranges (no interface subnets).</summary>
    public static NearSources FixedRangesOnly { get; } = new([]);

    public bool Contains(IPAddress address)
    {
        var (high, low) = SourceKey.Bits(address);
        foreach (var prefix in _prefixes)
        {
            if (prefix.Matches(high, low))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The subnets on-link on this machine's interfaces now (address and prefix length of each unicast address).</summary>
    /// <remarks>Read once when a server binds: an address the machine gains later is near only through the fixed ranges.</remarks>
    public static IReadOnlyList<(IPAddress Address, int PrefixLength)> LocalSubnets()
    {
        var result = new List<(IPAddress, int)>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var family = unicast.Address.AddressFamily;
                    var bits = family == AddressFamily.InterNetwork ? 32 : 128;
                    // A prefix of 0 would make the whole Internet on-link (a misreport, not a network).
                    if (family is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && unicast.PrefixLength is > 0 && unicast.PrefixLength <= bits)
                    {
                        result.Add((unicast.Address, unicast.PrefixLength));
                    }
                }
            }
        }
        catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException)
        {
            // Without interface data only the fixed ranges are near: LAN clients on public addresses are then rate limited.
        }

        return result;
    }

    private readonly record struct Prefix(ulong High, ulong Low, int Length)
    {
        public static Prefix V4(byte a, byte b, byte c, byte d, int length) => Of(new IPAddress([a, b, c, d]), length);

        public static Prefix Of(IPAddress address, int length)
        {
            var (high, low) = SourceKey.Bits(address);
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                length += 96;
            }

            return new Prefix(high & Mask(length), low & Mask(length - 64), length);
        }

        public bool Matches(ulong high, ulong low) => (high & Mask(Length)) == High && (low & Mask(Length - 64)) == Low;

        // The top bits of a 64-bit half: all for 64 or more, none for 0 or less.
        private static ulong Mask(int bits) => bits switch
        {
            <= 0 => 0,
            >= 64 => ulong.MaxValue,
            _ => ulong.MaxValue << (64 - bits),
        };
    }
}
