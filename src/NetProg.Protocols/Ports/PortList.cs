using NetProg.Protocols.Forwarding;

namespace NetProg.Protocols.Ports;

/// <summary>
/// Ports and ranges in the order written, <c>80,443,30000-30010</c> (<see cref="PortSyntax.TryParseList"/>). Items may repeat
/// or overlap, as in iptables' multiport match; <see cref="Contains"/> does not care.
/// </summary>
public sealed class PortList
{
    /// <summary>
    /// The most items a list may have. A person types a handful; 64 covers every real rule (iptables' multiport match takes
    /// 15) and keeps a pasted or generated list from costing unbounded memory.
    /// </summary>
    public const int MaxItems = 64;

    internal PortList(IReadOnlyList<PortRange> ranges) => Ranges = ranges;

    /// <summary>No ports (what a failed parse leaves).</summary>
    public static PortList Empty { get; } = new([]);

    public IReadOnlyList<PortRange> Ranges { get; }

    public bool Contains(int port) => Ranges.Any(r => r.Contains(port));

    public override string ToString() => string.Join(',', Ranges.Select(r => r.ToString()));
}
