namespace NetProg.Transport.Tcp;

/// <summary>
/// Makes the <see cref="SocketConnection"/> for an accepted and admitted <paramref name="socket"/> from
/// <paramref name="remote"/> (normalised: an IPv4-mapped IPv6 address is given as IPv4); null when the socket cannot be
/// served after all (reset between accept and here), and the server closes it.
/// </summary>
public delegate SocketConnection? SocketConnectionFactory(Socket socket, IPEndPoint remote);
