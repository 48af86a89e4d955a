namespace NetProg.Services.Check.Clients;

/// <summary>A datagram the test server received, and who sent it (where the answer goes, RFC 862/867/868).</summary>
internal sealed record UdpDatagram(byte[] Data, IPEndPoint From);
