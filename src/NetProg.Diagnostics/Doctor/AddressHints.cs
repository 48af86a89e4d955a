namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What the addresses alone say about the path: the course's usual causes — VirtualBox NAT, a self-assigned address
/// (RFC 3927), a private server address (RFC 1918) seen from outside its network, carrier-grade NAT (RFC 6598). Pure.
/// </summary>
public static class AddressHints
{
    private static readonly IPAddress VirtualBoxNat = IPAddress.Parse("10.0.2.0");

    public static IReadOnlyList<DoctorCheck> For(IPAddress target, IPAddress? source, IReadOnlyList<LocalAddress> local)
    {
        var hints = new List<DoctorCheck>();
        var targetScope = LocalAddresses.Classify(target);
        var isThisMachine = IPAddress.IsLoopback(target) || local.Any(l => l.Address.Equals(target));

        foreach (var address in local.Where(l => l.IsUp && l.Address.AddressFamily == AddressFamily.InterNetwork))
        {
            if (address.Scope == AddressScope.LinkLocal)
            {
                hints.Add(Hint(DoctorFinding.SelfAssigned, new DoctorFacts { Interface = address.InterfaceName, Address = address.Address }, FixCode.RenewAddress));
            }

            if (Doctor.SameSubnet(address.Address, VirtualBoxNat, 24))
            {
                hints.Add(Hint(DoctorFinding.VirtualBoxNat, new DoctorFacts { Address = address.Address }, FixCode.UseBridgedAdapter));
            }
        }

        if (isThisMachine)
        {
            return hints;
        }

        if (targetScope == AddressScope.Private && source is not null && LocalAddresses.Classify(source) is AddressScope.Public or AddressScope.SharedCgnat)
        {
            hints.Add(Hint(DoctorFinding.PrivateFromOutside, new DoctorFacts { Address = target }, FixCode.ForwardOnServerRouter));
        }

        if (targetScope == AddressScope.SharedCgnat)
        {
            hints.Add(Hint(DoctorFinding.Cgnat, new DoctorFacts { Address = target }, FixCode.AvoidCarrierNat));
        }

        if (targetScope == AddressScope.LinkLocal && target.AddressFamily == AddressFamily.InterNetwork)
        {
            hints.Add(Hint(DoctorFinding.TargetSelfAssigned, new DoctorFacts { Address = target }, FixCode.FixServerAddress));
        }

        return hints;
    }

    private static DoctorCheck Hint(DoctorFinding finding, DoctorFacts facts, FixCode fix) =>
        new(DoctorCheckId.Addresses, CheckStatus.Warning, finding, facts, new DoctorFix(fix));
}
