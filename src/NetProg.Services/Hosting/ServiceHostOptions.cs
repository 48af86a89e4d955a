using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Services.Hosting;

/// <summary>Where and how a service listens.</summary>
public sealed record ServiceHostOptions
{
    /// <summary>Local addresses to bind; see <see cref="NetProg.Transport.ListenAddresses"/>.</summary>
    public required IReadOnlyList<IPAddress> Addresses { get; init; }

    /// <summary>The port; 0 binds a free one, the same for every address and for TCP and UDP.</summary>
    public required int Port { get; init; }

    public ProtocolSelection Protocols { get; init; } = ProtocolSelection.Tcp;

    public TcpServerOptions Tcp { get; init; } = new();

    public UdpServerOptions Udp { get; init; } = new();
}
