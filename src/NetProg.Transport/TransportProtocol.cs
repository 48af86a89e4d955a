namespace NetProg.Transport;

/// <summary>The transport a socket speaks. Printed as <c>tcp</c> or <c>udp</c> after the port, as netstat does.</summary>
public enum TransportProtocol
{
    Tcp,
    Udp,
}
