using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics.Internal;

/// <summary>An <see cref="IPortOwnerLookup"/> that asks a socket table: one read of the table per lookup.</summary>
internal sealed class SocketTableOwnerLookup(ISocketTable table) : IPortOwnerLookup
{
    public IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port) => table.FindOwners(protocol, port);
}
