using NetProg.Transport;

namespace NetProg.Services.Forward;

/// <summary>
/// One relayed TCP connection or UDP session, when it is over: client -> forwarder -> target, bytes each way, how long, how it ended.
/// </summary>
/// <param name="Forwarder">The forwarder's address the client reached.</param>
/// <param name="DatagramsToTarget">UDP only; 0 for TCP.</param>
/// <param name="DatagramsToClient">UDP only; 0 for TCP.</param>
public sealed record RelaySummary(
    TransportProtocol Protocol,
    IPEndPoint Client,
    IPEndPoint Forwarder,
    IPEndPoint Target,
    long BytesToTarget,
    long BytesToClient,
    long DatagramsToTarget,
    long DatagramsToClient,
    TimeSpan Duration,
    RelayEnd End);
