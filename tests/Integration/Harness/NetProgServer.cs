namespace NetProg.Integration.Tests.Harness;

/// <summary>A running <c>netprog ...-server</c> whose <c>listening on</c> lines have all been printed.</summary>
public sealed class NetProgServer : IDisposable
{
    // A constructor that stores the process, not a primary constructor: CA2000 then sees the process handed over to this
    // object (which disposes it).
    public NetProgServer(ChildProcess process, IReadOnlyList<ListeningSocket> sockets)
    {
        Process = process;
        Sockets = sockets;
    }

    public ChildProcess Process { get; }

    /// <summary>Every socket the server announced, in the order printed.</summary>
    public IReadOnlyList<ListeningSocket> Sockets { get; }

    /// <summary>The port of the first announced socket (the contract says all sockets of a server share it).</summary>
    public int Port => Sockets[0].Port;

    public void Dispose() => Process.Dispose();
}
