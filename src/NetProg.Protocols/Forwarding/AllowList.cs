namespace NetProg.Protocols.Forwarding;

/// <summary>
/// <c>--allow CIDR</c>: which client addresses may use the forwarder (the router page's "source IP address"). Empty allows
/// everyone. An IPv4 client seen through an IPv6 socket (<c>::ffff:10.0.0.5</c>) is matched as the IPv4 address it is.
/// </summary>
public sealed class AllowList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    private AllowList(IReadOnlyList<IPNetwork> networks) => _networks = networks;

    /// <summary>Allows every address.</summary>
    public static AllowList Everyone { get; } = new([]);

    public bool IsEveryone => _networks.Count == 0;

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool Allows(IPAddress address)
    {
        if (_networks.Count == 0)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses each entry: <c>10.0.0.0/8</c>, <c>192.168.0.10</c> (one address), <c>fd00::/8</c>. An address with bits set past
    /// the prefix (<c>192.168.1.5/24</c>) is refused rather than silently widened: the user probably meant one of two things.
    /// </summary>
    public static bool TryParse(IEnumerable<string> entries, out AllowList list, out string error)
    {
        list = Everyone;
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var text = raw.Trim();
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? text : text[..slash];
            if (!IPAddress.TryParse(addressText.Trim('[', ']'), out var address) || addressText.Length == 0)
            {
                error = string.Format(Strings.Allow_Syntax, raw);
                return false;
            }

            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var prefix = maxPrefix;
            if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
            {
                error = string.Format(Strings.Allow_Prefix, raw, maxPrefix);
                return false;
            }

            var network = new IPNetwork(Mask(address, prefix), prefix);
            if (!network.BaseAddress.Equals(address))
            {
                error = string.Format(Strings.Allow_HostBits, raw, address, prefix, network);
                return false;
            }

            networks.Add(network);
        }

        list = networks.Count == 0 ? Everyone : new AllowList(networks);
        error = string.Empty;
        return true;
    }

    public override string ToString() => IsEveryone ? "everyone" : string.Join(", ", _networks);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
