using NetProg.Transport;

namespace NetProg.Cli.Commands;

/// <summary>One <see cref="ServedPorts"/> for all services of one process, so their UDP loop guards know each other's ports.</summary>
internal sealed class ServedPortsHolder
{
    public ServedPorts Ports { get; } = new();
}
