namespace NetProg.Transport.Client;

/// <summary>One address tried for a name, and how it failed.</summary>
public sealed record ConnectAttempt(IPEndPoint EndPoint, SocketErrorKind Error);
