namespace NetProg.Services.Check.Udp;

/// <summary>
/// The end of one request/reply exchange: the reply (null when none came, also after the retransmission), how often
/// the request was sent, whether the server flooded the socket with datagrams that are no reply to it, and a socket
/// error's text when the exchange could not be done at all.
/// </summary>
internal sealed record UdpExchangeResult(UdpDatagram? Reply, int Transmissions, bool Flooded = false, string? Error = null);
