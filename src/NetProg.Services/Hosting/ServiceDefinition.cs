using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Services.Hosting;

/// <summary>A service as the host needs it: a name for the log, and its TCP and UDP handlers (null: TCP only).</summary>
/// <param name="InlineHandlers">
/// The TCP handler never blocks and does little per read, so it may run on the transport's event-loop thread
/// (<see cref="TcpServerOptions.InlineHandlers"/>): true for time and echo, false for login (password hashing, database).
/// </param>
public sealed record ServiceDefinition(string Name, TcpConnectionHandler TcpHandler, UdpDatagramHandler? UdpHandler, bool InlineHandlers = false);
