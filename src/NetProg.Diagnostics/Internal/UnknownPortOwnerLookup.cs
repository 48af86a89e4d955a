namespace NetProg.Diagnostics.Internal;

/// <summary>For platforms without a known way to map sockets to processes: always "unknown".</summary>
internal sealed class UnknownPortOwnerLookup : IPortOwnerLookup
{
    public IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port) => [];
}
