namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// The step of the checklist a finding belongs to, in the order a person checks (docs/DOCTOR.md, "The steps"). Written
/// in <c>--json</c> as its camelCase name (<c>name</c>, <c>path</c>, ...), which stays the same from version to version.
/// </summary>
public enum DoctorCheckId
{
    /// <summary>Name resolution: every address the name resolves to.</summary>
    Name,
    /// <summary>The route and source address the OS would use.</summary>
    Path,
    /// <summary>Hints from the addresses alone (VirtualBox NAT, self-assigned, private from outside, CGNAT).</summary>
    Addresses,
    /// <summary>The port's state, as nmap classifies a connect scan or a UDP scan.</summary>
    Port,
    /// <summary>What answers on an open TCP port.</summary>
    Service,
    /// <summary>On this machine: who holds the port, and on which side of the machine it answers.</summary>
    Listener,
    /// <summary>This machine's firewall, where it can be read.</summary>
    Firewall,
}
