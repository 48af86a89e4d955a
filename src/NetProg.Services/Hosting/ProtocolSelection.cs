namespace NetProg.Services.Hosting;

/// <summary>Which transports a server listens on: <c>--udp</c> or <c>--both</c>; TCP by default.</summary>
[Flags]
public enum ProtocolSelection
{
    Tcp = 1,
    Udp = 2,
    Both = Tcp | Udp,
}
