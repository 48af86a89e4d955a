using NetProg.Transport;

namespace NetProg.Services.Hosting;

/// <summary>One bound socket of a service: what the <c>listening on ADDR:PORT/tcp</c> line says.</summary>
public sealed record ListeningSocket(string Service, IPEndPoint EndPoint, TransportProtocol Protocol)
{
    public override string ToString() => EndPointText.Format(EndPoint, Protocol);
}
