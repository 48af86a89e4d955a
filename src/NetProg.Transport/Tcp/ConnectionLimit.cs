namespace NetProg.Transport.Tcp;

/// <summary>Which limit turned a connection away (<see cref="TcpServer.ConnectionRejected"/>).</summary>
public enum ConnectionLimit
{
    /// <summary><see cref="TcpServerOptions.MaxConnections"/> are open.</summary>
    Server,

    /// <summary><see cref="TcpServerOptions.MaxConnectionsPerAddress"/> are open from the client's address (IPv6: its /64).</summary>
    Address,
}
