namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// What to do about a finding; the arguments are in <see cref="DoctorFix"/>. Written in <c>--json</c> as its camelCase
/// name, stable across versions.
/// </summary>
public enum FixCode
{
    /// <summary>Check the name's spelling, or use the server's address.</summary>
    CheckName,
    /// <summary>Check this machine's address and default gateway.</summary>
    CheckRoute,
    /// <summary>Renew a self-assigned address, or repair the VM's adapter.</summary>
    RenewAddress,
    /// <summary>Bridge the VirtualBox adapter, or add a port-forwarding rule.</summary>
    UseBridgedAdapter,
    /// <summary>Connect to the server router's public address, with port forwarding there.</summary>
    ForwardOnServerRouter,
    /// <summary>Carrier-grade NAT: a public address, a cloud VM or a VPN.</summary>
    AvoidCarrierNat,
    /// <summary>The server needs a real address.</summary>
    FixServerAddress,
    /// <summary>Check the server's firewall and the router's port forwarding.</summary>
    CheckFirewallAndForwarding,
    /// <summary>Start the server or check its port.</summary>
    StartServerOrCheckPort,
    /// <summary>Check the server's address and firewall.</summary>
    CheckServerAddress,
    /// <summary>Start the server with --udp on this port.</summary>
    StartUdpServer,
    /// <summary>Check that the server runs with --udp, and the firewall for UDP.</summary>
    CheckUdpServerAndFirewall,
    /// <summary>Start a server on <see cref="DoctorFix.Port"/> (<see cref="DoctorFix.Protocol"/>), and check with netstat.</summary>
    StartServer,
    /// <summary>Listen on all addresses, not on loopback only.</summary>
    ListenOnAllAddresses,
    /// <summary>Check the firewall by hand: it is not read on this system.</summary>
    CheckFirewallByHand,
    /// <summary>Run the doctor as root to read the firewall rules.</summary>
    RunAsRoot,
    /// <summary>Run the same doctor from the client machine.</summary>
    RunFromClient,
    /// <summary>Allow the program in Windows Security, or add a netsh rule for the port.</summary>
    AllowInWindowsSecurity,
    /// <summary>Remove the nftables rule, or insert an accept before it.</summary>
    RemoveNftRule,
    /// <summary>Add an nftables accept rule for the port.</summary>
    AddNftAccept,
    /// <summary>Delete the iptables rule (<see cref="DoctorFix.Rule"/>), or insert an ACCEPT before it.</summary>
    DeleteIptablesRule,
    /// <summary>Insert an iptables ACCEPT rule for the port.</summary>
    InsertIptablesAccept,
    /// <summary>firewall-cmd --add-port.</summary>
    FirewalldAddPort,
    /// <summary>ufw allow.</summary>
    UfwAllow,
    /// <summary>Disable the Windows Firewall rule named <see cref="DoctorFix.Rule"/>.</summary>
    DisableWindowsRule,
    /// <summary>New-NetFirewallRule for the port.</summary>
    NewWindowsRule,
    /// <summary>New-NetFirewallRule for the port, on a network Windows calls Public.</summary>
    NewWindowsRuleOnPublicNetwork,
}
