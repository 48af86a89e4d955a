namespace NetProg.Transport.Client;

/// <summary>A datagram received in answer to one we sent, with the client-clock times around it.</summary>
public sealed record UdpReply(byte[] Data, DateTimeOffset SentAt, DateTimeOffset ReceivedAt, TimeSpan RoundTrip, int Transmissions);
