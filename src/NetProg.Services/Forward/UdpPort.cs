using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace NetProg.Services.Forward;

/// <summary>
/// One listening UDP socket of the forwarder, unconnected so that it hears every client, with its NAT-style session table:
/// each client endpoint (address and port) gets its own outgoing socket to the target, so the target's replies on that socket
/// belong to that client alone.
/// </summary>
internal sealed class UdpPort(Socket socket, ForwardListener listener, ILogger logger)
{
    public Socket Socket { get; } = socket;

    public ForwardListener Listener { get; } = listener;

    public ILogger Logger { get; } = logger;

    public ConcurrentDictionary<IPEndPoint, UdpSession> Sessions { get; } = new();
}
