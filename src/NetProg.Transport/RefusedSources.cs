using System.Collections.Concurrent;

namespace NetProg.Transport;

/// <summary>
/// The addresses already refused, so that a refusal is logged once per address and not once per attempt: a client retrying
/// in a loop must not fill the log. Bounded: past <see cref="Capacity"/> addresses (a flood from many sources) no refusal
/// counts as a first one any more, and nothing more is remembered.
/// </summary>
public sealed class RefusedSources
{
    /// <summary>The most addresses remembered.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<IPAddress, byte> _seen = new();

    /// <summary>True the first time <paramref name="address"/> is refused, while fewer than <see cref="Capacity"/> are remembered.</summary>
    public bool IsFirst(IPAddress address) => _seen.Count < Capacity && _seen.TryAdd(address, 0);
}
