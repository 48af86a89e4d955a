namespace NetProg.Transport.Udp;

/// <summary>
/// Answers one datagram: writes the reply into <paramref name="reply"/> (64 KiB) and returns its length, or -1 to send nothing.
/// Synchronous on purpose: a datagram service computes its answer from the request alone. <paramref name="remote"/> is the
/// same object for every datagram of a source (the server makes it once: no allocation per datagram); read it, keep it, never
/// change its address or port.
/// </summary>
public delegate int UdpDatagramHandler(ReadOnlySpan<byte> request, IPEndPoint remote, Span<byte> reply);
