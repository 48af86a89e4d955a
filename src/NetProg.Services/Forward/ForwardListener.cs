using NetProg.Transport;

namespace NetProg.Services.Forward;

/// <summary>One bound socket of a <see cref="Forwarder"/> and where its traffic goes.</summary>
public sealed record ForwardListener(IPEndPoint EndPoint, TransportProtocol Protocol, IPEndPoint Target)
{
    /// <summary><c>127.0.0.1:30000/tcp</c>, as the servers print their sockets.</summary>
    public override string ToString() => EndPointText.Format(EndPoint, Protocol);
}
