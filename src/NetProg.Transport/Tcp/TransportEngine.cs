namespace NetProg.Transport.Tcp;

/// <summary>What drives a <see cref="TcpServer"/>'s sockets.</summary>
public enum TransportEngine
{
    /// <summary>Epoll on Linux, .NET's sockets elsewhere. The command line turns <c>--engine</c> and <c>NETPROG_TRANSPORT</c> into one of the others.</summary>
    Auto,

    /// <summary>.NET's <see cref="System.Net.Sockets.Socket"/> async operations and its own event engine: every OS.</summary>
    Sockets,

    /// <summary>netprog's own epoll loop over non-blocking descriptors (Linux only): the C server's loop, in C#.</summary>
    Epoll,
}
