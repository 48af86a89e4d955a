namespace NetProg.Capture.Decoding;

/// <summary>One end of a packet: an address, and the TCP/UDP port when there is one (ICMP has none).</summary>
public sealed record Endpoint(IPAddress Address, int? Port)
{
    /// <summary><c>127.0.0.1:30000</c>, <c>[::1]:30000</c>, <c>127.0.0.1</c> (as netstat and the rest of netprog write them).</summary>
    public override string ToString()
    {
        if (Port is not { } port)
        {
            return Address.ToString();
        }

        return Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{port}" : $"{Address}:{port}";
    }
}
