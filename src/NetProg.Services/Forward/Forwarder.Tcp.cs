using NetProg.Transport.Tcp;

namespace NetProg.Services.Forward;

public sealed partial class Forwarder
{
    /// <summary>
    /// The host's factory for an admitted client (allowed, under --max-connections): a relay to the target of the port it
    /// connected to, which reports itself once the host has freed its slot.
    /// </summary>
    private TcpRelay? Relay(Socket socket, IPEndPoint client)
    {
        var local = (IPEndPoint)socket.LocalEndPoint!;
        return _tcpTargets.TryGetValue(local.Port, out var target) ? new TcpRelay(socket, client, target, _options, Report) : null;
    }
}
