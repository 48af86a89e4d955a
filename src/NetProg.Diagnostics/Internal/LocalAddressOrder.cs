namespace NetProg.Diagnostics.Internal;

/// <summary>The order of <see cref="LocalAddresses.List"/>: most useful to type on another machine first.</summary>
internal static class LocalAddressOrder
{
    public static int Compare(LocalAddress? x, LocalAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byState = y.IsUp.CompareTo(x.IsUp);
        if (byState != 0)
        {
            return byState;
        }

        var byFamily = FamilyRank(x).CompareTo(FamilyRank(y));
        if (byFamily != 0)
        {
            return byFamily;
        }

        var byScope = ScopeRank(x.Scope).CompareTo(ScopeRank(y.Scope));
        if (byScope != 0)
        {
            return byScope;
        }

        var byName = string.CompareOrdinal(x.InterfaceName, y.InterfaceName);
        return byName != 0 ? byName : x.Address.GetAddressBytes().AsSpan().SequenceCompareTo(y.Address.GetAddressBytes());
    }

    private static int FamilyRank(LocalAddress a) => a.Address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1;

    // A LAN address is what a lab partner types; a CGNAT or public one works only with forwarding or from outside;
    // link-local needs a zone and usually means DHCP failed; loopback never works from another machine.
    private static int ScopeRank(AddressScope scope) => scope switch
    {
        AddressScope.Private => 0,
        AddressScope.SharedCgnat => 1,
        AddressScope.Public => 2,
        AddressScope.LinkLocal => 3,
        AddressScope.Other => 4,
        AddressScope.Loopback => 5,
        _ => 6,
    };
}
