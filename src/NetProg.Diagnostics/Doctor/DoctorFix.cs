using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// The fix for a finding, as a code and the arguments its command line needs; the CLI writes it out as words and
/// commands in the UI language.
/// </summary>
public sealed record DoctorFix(FixCode Code)
{
    public int? Port { get; init; }

    public TransportProtocol? Protocol { get; init; }

    /// <summary>How the user runs netprog (<c>./netprog</c> from a clone), for the commands the fix has them type.</summary>
    public string? Program { get; init; }

    /// <summary>The firewall rule to remove or disable: an iptables rule spec, or a Windows Firewall rule's display name.</summary>
    public string? Rule { get; init; }
}
