namespace NetProg.Services.Bench;

/// <summary>What <c>netprog bench</c> drives.</summary>
public enum BenchKind
{
    /// <summary>TCP echo ping-pong: send, wait for the echo (or keep K in flight), verify every byte, repeat.</summary>
    Echo,

    /// <summary>UDP echo: datagrams carrying a sequence number; loss, reordering and strays counted.</summary>
    UdpEcho,

    /// <summary>TCP time server: connect, read to EOF, close, as fast as possible.</summary>
    Time,
}
