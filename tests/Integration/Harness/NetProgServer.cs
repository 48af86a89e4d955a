namespace NetProg.Integration.Tests.Harness;

/// <summary>A running <c>netprog ...-server</c> whose <c>listening on</c> lines have all been printed.</summary>
public sealed class NetProgServer(ChildProcess process, IReadOnlyList<ListeningSocket> sockets) : IDisposable
{
    public ChildProcess Process { get; } = process;

    /// <summary>Every socket the server announced, in the order printed.</summary>
    public IReadOnlyList<ListeningSocket> Sockets { get; } = sockets;

    /// <summary>The port of the first announced socket (the contract says all sockets of a server share it).</summary>
    public int Port => Sockets[0].Port;

    public void Dispose() => Process.Dispose();
}
