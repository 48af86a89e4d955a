using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>How an echo exchange of a whole input went.</summary>
/// <param name="ServerClosedEarly">The server closed before all of the input was sent: part of it was never echoed.</param>
public sealed record EchoStreamResult(
    IPEndPoint Server,
    TransportProtocol Protocol,
    long BytesSent,
    long BytesReceived,
    int Datagrams,
    bool ServerClosedEarly,
    IReadOnlyList<ConnectAttempt> FailedAttempts);
