using NetProg.Services.Hosting;
using NetProg.Transport.Tcp;
using NetProg.Transport.Udp;

namespace NetProg.Cli.Commands;

/// <summary>What the server options of a command said, read once from the parse result.</summary>
internal sealed record ServerSettings(
    int Port,
    IReadOnlyList<string> Bind,
    ProtocolSelection Protocols,
    bool Quiet,
    TcpServerOptions Tcp,
    UdpServerOptions Udp);
