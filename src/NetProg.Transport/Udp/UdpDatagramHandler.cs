using System.Net;

namespace NetProg.Transport.Udp;

/// <summary>
/// Answers one datagram: writes the reply into <paramref name="reply"/> (64 KiB) and returns its length, or -1 to send nothing.
/// Synchronous on purpose: a datagram service computes its answer from the request alone.
/// </summary>
public delegate int UdpDatagramHandler(ReadOnlySpan<byte> request, IPEndPoint remote, Span<byte> reply);
