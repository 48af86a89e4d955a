using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NetProg.Transport.Udp;

namespace NetProg.Services.Forward;

/// <summary>
/// One listening UDP socket of the forwarder (a listener of its <see cref="UdpServer"/>, which hears every client), with its
/// NAT-style session table: each client endpoint (address and port) gets its own outgoing socket to the target, so the
/// target's replies on that socket belong to that client alone.
/// </summary>
internal sealed class UdpPort(UdpListener socket, ForwardListener listener, ILogger logger)
{
    /// <summary>Where clients send to, and where the target's replies are sent back from.</summary>
    public UdpListener Socket { get; } = socket;

    public ForwardListener Listener { get; } = listener;

    public ILogger Logger { get; } = logger;

    public ConcurrentDictionary<IPEndPoint, UdpSession> Sessions { get; } = new();
}
