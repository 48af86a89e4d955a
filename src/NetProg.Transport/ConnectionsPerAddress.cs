using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetProg.Transport;

/// <summary>
/// Open connections (or a forwarder's UDP sessions) per client address (<see cref="SourceKey"/>: IPv4 whole, IPv6 per /64),
/// for <see cref="Tcp.TcpServerOptions.MaxConnectionsPerAddress"/>: one address must not take every slot of a server.
/// Bounded by construction: an address is kept only while it has a connection open, and its owner admits only so many
/// (<see cref="Tcp.TcpServerOptions.MaxConnections"/>), so the table never holds more entries than that, whatever the
/// number of sources. One lock for a few instructions per connection opened and closed.
/// </summary>
/// <param name="max">Connections at once per address.</param>
/// <param name="limitLoopback">Count loopback clients too (by default every 127/8 and ::1 client is this machine's own).</param>
public sealed class ConnectionsPerAddress(int max, bool limitLoopback)
{
    private readonly Dictionary<SourceKey, int> _open = [];
    private readonly Lock _gate = new();

    /// <summary>Counts a connection from <paramref name="address"/>, or returns false when that address has <c>max</c> open.</summary>
    public bool TryAdd(IPAddress address)
    {
        var key = SourceKey.Of(address);
        if (!Counted(key))
        {
            return true;
        }

        lock (_gate)
        {
            ref var open = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, key, out _);
            if (open >= max)
            {
                if (open == 0)
                {
                    _open.Remove(key);
                }

                return false;
            }

            open++;
            return true;
        }
    }

    /// <summary>A connection counted by <see cref="TryAdd"/> has ended.</summary>
    public void Remove(IPAddress address)
    {
        var key = SourceKey.Of(address);
        if (!Counted(key))
        {
            return;
        }

        lock (_gate)
        {
            ref var open = ref CollectionsMarshal.GetValueRefOrNullRef(_open, key);
            if (Unsafe.IsNullRef(ref open))
            {
                return;
            }

            if (--open <= 0)
            {
                _open.Remove(key);
            }
        }
    }

    /// <summary>Addresses with a connection open now (tests check the bound).</summary>
    public int Addresses
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    private bool Counted(SourceKey key) => limitLoopback || !key.IsLoopback;
}
