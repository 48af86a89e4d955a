using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Services.Hosting;

/// <summary>A service as the host needs it: a name for the log, and its TCP and UDP handlers (null: TCP only).</summary>
public sealed record ServiceDefinition(string Name, TcpConnectionHandler TcpHandler, UdpDatagramHandler? UdpHandler);
