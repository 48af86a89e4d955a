namespace NetProg.Protocols.Forwarding;

/// <summary>
/// Which target port each listening port goes to: one port to one port, a range to the same ports, or a range to a range of
/// the same length (port N of the listening range to port N of the target range), the three forms of a router's rule.
/// </summary>
public sealed record PortMapping
{
    private PortMapping(PortRange listen, PortRange target)
    {
        Listen = listen;
        Target = target;
    }

    public PortRange Listen { get; }

    public PortRange Target { get; }

    /// <summary>The target port for the <paramref name="index"/>-th listening port (0 = the first).</summary>
    public int TargetPort(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Listen.Count);
        return Target.First + index;
    }

    /// <summary>
    /// Pairs the ranges, or says why they do not pair. <paramref name="target"/> null means "the same ports"; that needs real
    /// listening ports, so not port 0.
    /// </summary>
    public static bool TryCreate(PortRange listen, PortRange? target, out PortMapping mapping, out string error)
    {
        mapping = null!;
        if (target is not { } to)
        {
            if (listen.First == 0)
            {
                error = "--listen 0 takes any free port, so --to must name the target port, e.g. --to 127.0.0.1:30000";
                return false;
            }

            to = listen;
        }

        if (to.Count != listen.Count)
        {
            error = to.IsSinglePort
                ? $"--listen has {listen.Count:N0} ports but --to names one; leave the port out of --to to keep the same ports, or give a range of {listen.Count:N0} ports"
                : $"--listen has {listen.Count:N0} ports but --to has {to.Count:N0}; the two ranges must be the same length";
            return false;
        }

        mapping = new PortMapping(listen, to);
        error = string.Empty;
        return true;
    }
}
