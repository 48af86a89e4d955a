using NetProg.Protocols.Time;
using NetProg.Transport;
using NetProg.Transport.Client;

namespace NetProg.Services.Clients;

/// <summary>What a time query learned.</summary>
/// <param name="ClockOffset">
/// The server's clock minus this one, when the reply was a time: positive means the server is ahead. Estimated as in
/// Cristian's algorithm, assuming the reply took half the round trip.
/// </param>
/// <param name="OffsetUncertainty">Half the window in which the server stamped the time (TCP: from the start of connect() to its first byte; UDP: the round trip) plus half the reply's resolution (1 s texts are truncated, not rounded).</param>
public sealed record TimeQueryResult(
    TimeReply Reply,
    int ReplyBytes,
    IPEndPoint Server,
    TransportProtocol Protocol,
    TimeSpan RoundTrip,
    TimeSpan? ClockOffset,
    TimeSpan OffsetUncertainty,
    IReadOnlyList<ConnectAttempt> FailedAttempts,
    int Transmissions);
