using System.Net;
using System.Net.Sockets;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What the addresses alone say about the path: the causes the course's students meet most (docs/DOCTOR.md, step 7) —
/// VirtualBox NAT, a self-assigned address, a private server address seen from outside its network, carrier-grade NAT.
/// Pure.
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
                hints.Add(new DoctorCheck(
                    "addresses", CheckStatus.Warning,
                    string.Format(Strings.Hint_SelfAssigned, address.InterfaceName, address.Address),
                    Strings.Hint_SelfAssigned_Advice));
            }

            if (Doctor.SameSubnet(address.Address, VirtualBoxNat, 24))
            {
                hints.Add(new DoctorCheck(
                    "addresses", CheckStatus.Warning,
                    string.Format(Strings.Hint_VirtualBoxNat, address.Address),
                    Strings.Hint_VirtualBoxNat_Advice));
            }
        }

        if (isThisMachine)
        {
            return hints;
        }

        if (targetScope == AddressScope.Private && source is not null && LocalAddresses.Classify(source) is AddressScope.Public or AddressScope.SharedCgnat)
        {
            hints.Add(new DoctorCheck(
                "addresses", CheckStatus.Warning,
                string.Format(Strings.Hint_PrivateFromOutside, target),
                Strings.Hint_PrivateFromOutside_Advice));
        }

        if (targetScope == AddressScope.SharedCgnat)
        {
            hints.Add(new DoctorCheck(
                "addresses", CheckStatus.Warning,
                string.Format(Strings.Hint_Cgnat, target),
                Strings.Hint_Cgnat_Advice));
        }

        if (targetScope == AddressScope.LinkLocal && target.AddressFamily == AddressFamily.InterNetwork)
        {
            hints.Add(new DoctorCheck(
                "addresses", CheckStatus.Warning,
                string.Format(Strings.Hint_TargetSelfAssigned, target),
                Strings.Hint_TargetSelfAssigned_Advice));
        }

        return hints;
    }
}
