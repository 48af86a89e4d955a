using System.Collections.Concurrent;

namespace NetProg.Transport;

/// <summary>The UDP ports served by this process (all servers of one <c>netprog lab</c> share one instance), for the loop guard.</summary>
public sealed class ServedPorts
{
    private readonly ConcurrentDictionary<int, byte> _ports = new();

    public void Add(int port) => _ports.TryAdd(port, 0);

    public bool Contains(int port) => _ports.ContainsKey(port);
}
