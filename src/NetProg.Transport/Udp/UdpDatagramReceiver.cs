namespace NetProg.Transport.Udp;

/// <summary>
/// Takes one admitted datagram of a <see cref="UdpServer"/> run with <see cref="UdpServer.RunAsync(UdpDatagramReceiver, CancellationToken)"/>:
/// for a service whose answer is not computed from the request alone (a relay sends it on and answers when its target does,
/// through <paramref name="listener"/>). <paramref name="datagram"/> is valid until the returned task completes; the next
/// datagram of that socket is received after it. <paramref name="remote"/> is normalised (IPv4-mapped IPv6 as IPv4).
/// </summary>
public delegate ValueTask UdpDatagramReceiver(UdpListener listener, IPEndPoint remote, ReadOnlyMemory<byte> datagram, CancellationToken stopping);
