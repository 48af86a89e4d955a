namespace NetProg.Transport;

/// <summary>
/// Addresses as users type them and as netstat/ss print them: <c>127.0.0.1:30000</c>, <c>[::1]:30000</c>. An IPv4 address seen
/// through a dual-stack IPv6 socket (<c>::ffff:127.0.0.1</c>) is shown as the IPv4 address it is.
/// </summary>
public static class EndPointText
{
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    public static string Format(IPAddress address)
    {
        address = Normalize(address);
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    public static string Format(IPEndPoint endPoint) => $"{Format(endPoint.Address)}:{endPoint.Port}";

    public static string Format(IPEndPoint endPoint, TransportProtocol protocol) =>
        $"{Format(endPoint)}/{(protocol == TransportProtocol.Tcp ? "tcp" : "udp")}";

    /// <summary>Parses an address literal, with or without IPv6 brackets. Returns false for names.</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        var span = text.AsSpan().Trim();
        if (span.Length > 2 && span[0] == '[' && span[^1] == ']')
        {
            span = span[1..^1];
        }

        return IPAddress.TryParse(span, out address!);
    }
}
