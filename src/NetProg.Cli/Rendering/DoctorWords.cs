using NetProg.Diagnostics.Doctor;
using NetProg.Transport;
using NetProg.Protocols.Text;

namespace NetProg.Cli.Rendering;

/// <summary>
/// The doctor's findings and fixes (<see cref="DoctorCheck"/>, data only) in the UI language's words: the one place they
/// become English or Korean sentences. Text from the network or other programs is quoted as it came; the caller shows it
/// through <see cref="PrintableText.Printable"/>.
/// </summary>
internal static class DoctorWords
{
    // Longest excerpt of a tool's output that a reason quotes.
    private const int ExcerptLength = 160;

    /// <summary>One sentence: what the check found.</summary>
    public static string Finding(DoctorCheck check)
    {
        var f = check.Facts;
        return check.Finding switch
        {
            DoctorFinding.NameDoesNotResolve => Format(DoctorStrings.Name_DoesNotResolve, f.Host, f.ErrorMessage is null ? string.Empty : $" ({f.ErrorMessage})"),
            DoctorFinding.NameIsAddress => Format(DoctorStrings.Name_IsAddress, f.Host),
            DoctorFinding.NameResolves => Format(DoctorStrings.Name_Resolves, f.Host, string.Join(", ", (f.Addresses ?? []).Select(EndPointText.Format))),

            DoctorFinding.PathNoRoute => Format(DoctorStrings.Path_NoRoute, f.Address, f.SocketError),
            DoctorFinding.PathLoopback => Format(DoctorStrings.Path_Loopback, f.Address),
            DoctorFinding.PathOwnAddress => Format(DoctorStrings.Path_OwnAddress, f.Address, On(f.Interface)),
            DoctorFinding.PathOnLink => Format(DoctorStrings.Path_OnLink, f.Address, On(f.Interface), f.Source, f.PrefixLength),
            DoctorFinding.PathGateway => Format(DoctorStrings.Path_Gateway, f.Address, f.Source, On(f.Interface)),

            DoctorFinding.SelfAssigned => Format(DoctorStrings.Hint_SelfAssigned, f.Interface, f.Address),
            DoctorFinding.VirtualBoxNat => Format(DoctorStrings.Hint_VirtualBoxNat, f.Address),
            DoctorFinding.PrivateFromOutside => Format(DoctorStrings.Hint_PrivateFromOutside, f.Address),
            DoctorFinding.Cgnat => Format(DoctorStrings.Hint_Cgnat, f.Address),
            DoctorFinding.TargetSelfAssigned => Format(DoctorStrings.Hint_TargetSelfAssigned, f.Address),

            DoctorFinding.TcpOpen => Format(DoctorStrings.Tcp_Open, Where(f), Elapsed(f)),
            DoctorFinding.TcpClosed => Format(DoctorStrings.Tcp_Closed, Where(f), Elapsed(f), f.Port),
            DoctorFinding.TcpFiltered => Format(DoctorStrings.Tcp_Filtered, Where(f), Elapsed(f), f.WindowsSlowToRefuse == true ? DoctorStrings.Tcp_WindowsSlow : string.Empty),
            DoctorFinding.TcpUnreachable => Format(DoctorStrings.Tcp_Unreachable, Where(f), Kind(f.Error), Elapsed(f)),
            DoctorFinding.TcpError => Format(DoctorStrings.Tcp_Other, Where(f), f.ErrorMessage, Elapsed(f)),

            DoctorFinding.UdpOpenEcho => Format(DoctorStrings.Udp_Open, Where(f), Elapsed(f), DoctorStrings.Datagram_Echo),
            DoctorFinding.UdpOpenTime => Format(DoctorStrings.Udp_Open, Where(f), Elapsed(f), Format(DoctorStrings.Datagram_Time, f.Reply)),
            DoctorFinding.UdpOpenOther => Format(DoctorStrings.Udp_Open, Where(f), Elapsed(f), Format(DoctorStrings.Datagram_Other, f.ReplyLength)),
            DoctorFinding.UdpClosed => Format(DoctorStrings.Udp_Closed, Where(f), Elapsed(f)),
            DoctorFinding.UdpOpenOrFiltered => Format(DoctorStrings.Udp_OpenOrFiltered, Where(f), Elapsed(f)),
            DoctorFinding.UdpUnreachable => Format(DoctorStrings.Udp_Unreachable, Where(f), Kind(f.Error)),

            DoctorFinding.ServiceBanner => Format(DoctorStrings.Service_Banner, f.Reply),
            DoctorFinding.ServiceTime => Format(DoctorStrings.Service_Time, f.Reply),
            DoctorFinding.ServiceTimeClosed => Format(DoctorStrings.Service_TimeClosed, f.Reply),
            DoctorFinding.ServiceUnasked => Format(DoctorStrings.Service_Unasked, f.ReplyLength, f.Reply),
            DoctorFinding.ServiceClosedSilently => DoctorStrings.Service_ClosedSilently,
            DoctorFinding.ServiceNoData => DoctorStrings.Service_NoData,
            DoctorFinding.ServiceEcho => DoctorStrings.Service_Echo,
            DoctorFinding.ServiceSilent => DoctorStrings.Service_Silent,
            DoctorFinding.ServiceOther => Format(DoctorStrings.Service_Other, f.Reply),

            DoctorFinding.ListenerHeldBy => Format(DoctorStrings.Listener_HeldBy, f.Port, Proto(f.Protocol), string.Join(", ", (f.Owners ?? []).Select(Process))),
            DoctorFinding.ListenerNothing => Format(DoctorStrings.Listener_Nothing, f.Port, Proto(f.Protocol)),
            DoctorFinding.ListenerLoopbackOnly => Format(DoctorStrings.Listener_LoopbackOnly, f.Address, Address(f.OtherAddress)),
            DoctorFinding.ListenerLoopbackOnlyLocal => Format(DoctorStrings.Listener_LoopbackOnlyLocal, Address(f.OtherAddress), Address(f.Address)),

            DoctorFinding.FirewallNotRead => DoctorStrings.Firewall_NotRead,
            DoctorFinding.FirewallCannotRead => DoctorStrings.Firewall_CannotRead,
            DoctorFinding.FirewallNothingBlocks => Format(DoctorStrings.Firewall_NothingBlocks, Proto(f.Protocol), f.Port),
            DoctorFinding.FirewallTestedLocally => DoctorStrings.Firewall_TestedLocally,
            DoctorFinding.NftDrops => Format(DoctorStrings.Nft_Blocks, DoctorStrings.Nft_Drops, Proto(f.Protocol), f.Port, f.Rule),
            DoctorFinding.NftRejects => Format(DoctorStrings.Nft_Blocks, DoctorStrings.Nft_Rejects, Proto(f.Protocol), f.Port, f.Rule),
            DoctorFinding.NftAccepts => Format(DoctorStrings.Nft_Accepts, Proto(f.Protocol), f.Port, f.Rule),
            DoctorFinding.NftPolicyDrop => Format(DoctorStrings.Nft_PolicyDrop, Proto(f.Protocol), f.Port),
            DoctorFinding.IptablesBlocks => Format(DoctorStrings.Iptables_Blocks, Proto(f.Protocol), f.Port, f.Rule),
            DoctorFinding.IptablesAccepts => Format(DoctorStrings.Iptables_Accepts, Proto(f.Protocol), f.Port, f.Rule),
            DoctorFinding.IptablesPolicyDrop => Format(DoctorStrings.Iptables_PolicyDrop, Proto(f.Protocol), f.Port),
            DoctorFinding.FirewalldAllows => Format(DoctorStrings.Firewalld_Allows, f.Port, Proto(f.Protocol)),
            DoctorFinding.FirewalldBlocks => Format(DoctorStrings.Firewalld_Blocks, f.Port, Proto(f.Protocol)),
            DoctorFinding.UfwAllows => Format(DoctorStrings.Ufw_Allows, f.Port, Proto(f.Protocol), f.Rule),
            DoctorFinding.UfwBlocks => Format(DoctorStrings.Ufw_Blocks, f.Port, Proto(f.Protocol), f.Rule),
            DoctorFinding.UfwNoRule => Format(DoctorStrings.Ufw_NoRule, f.Port, Proto(f.Protocol)),
            DoctorFinding.WindowsFirewallNotQueried => Format(DoctorStrings.Firewall_WindowsNotQueried, f.Query?.Command, Problem(f.Query)),
            DoctorFinding.WindowsFirewallOff => Format(DoctorStrings.Win_Off, Network(f)),
            DoctorFinding.WindowsFirewallBlocks => Format(DoctorStrings.Win_Blocks, WindowsProto(f.Protocol), f.Port, Network(f), f.RuleName, ForProgram(f.Program)),
            DoctorFinding.WindowsFirewallAllows => Format(DoctorStrings.Win_Allows, WindowsProto(f.Protocol), f.Port, Network(f), f.RuleName, ForProgram(f.Program)),
            DoctorFinding.WindowsFirewallDefaultAllow => Format(DoctorStrings.Win_DefaultAllow, Network(f)),
            DoctorFinding.WindowsFirewallNoRule => Format(DoctorStrings.Win_NoRule, Network(f), WindowsProto(f.Protocol), f.Port),
            DoctorFinding.WindowsFirewallNoRuleUnsure => Format(DoctorStrings.Win_NoRuleUnsure, Network(f), WindowsProto(f.Protocol), f.Port),
            _ => check.Finding.ToString(),
        };
    }

    /// <summary>One sentence or command line: what to do; null when there is nothing to do.</summary>
    public static string? Advice(DoctorFix? fix) => fix?.Code switch
    {
        null => null,
        FixCode.CheckName => DoctorStrings.Name_DoesNotResolve_Advice,
        FixCode.CheckRoute => DoctorStrings.Path_NoRoute_Advice,
        FixCode.RenewAddress => DoctorStrings.Hint_SelfAssigned_Advice,
        FixCode.UseBridgedAdapter => DoctorStrings.Hint_VirtualBoxNat_Advice,
        FixCode.ForwardOnServerRouter => DoctorStrings.Hint_PrivateFromOutside_Advice,
        FixCode.AvoidCarrierNat => DoctorStrings.Hint_Cgnat_Advice,
        FixCode.FixServerAddress => DoctorStrings.Hint_TargetSelfAssigned_Advice,
        FixCode.CheckFirewallAndForwarding => DoctorStrings.Tcp_Filtered_Advice,
        FixCode.StartServerOrCheckPort => DoctorStrings.Tcp_Closed_Advice,
        FixCode.CheckServerAddress => DoctorStrings.Tcp_Unreachable_Advice,
        FixCode.StartUdpServer => DoctorStrings.Udp_Closed_Advice,
        FixCode.CheckUdpServerAndFirewall => DoctorStrings.Udp_OpenOrFiltered_Advice,
        FixCode.StartServer => Format(
            DoctorStrings.Listener_Nothing_Advice, fix.Protocol == TransportProtocol.Udp ? "echo-server --udp" : "echo-server", fix.Port, Program(fix), NetstatCommand(fix.Port)),
        FixCode.ListenOnAllAddresses => DoctorStrings.Listener_LoopbackOnly_Advice,
        FixCode.CheckFirewallByHand => DoctorStrings.Firewall_NotRead_Advice,
        FixCode.RunAsRoot => DoctorStrings.Firewall_CannotRead_Advice,
        FixCode.RunFromClient => Format(DoctorStrings.Firewall_TestedLocally_Advice, fix.Port, fix.Protocol == TransportProtocol.Udp ? " --udp" : string.Empty, Program(fix)),
        FixCode.AllowInWindowsSecurity => Format(DoctorStrings.Firewall_WindowsUnread_Advice, WindowsProto(fix.Protocol), fix.Port),
        FixCode.RemoveNftRule => Format(DoctorStrings.Nft_Blocks_Advice, Proto(fix.Protocol), fix.Port),
        FixCode.AddNftAccept => Format(DoctorStrings.Nft_PolicyDrop_Advice, Proto(fix.Protocol), fix.Port),
        FixCode.DeleteIptablesRule => Format(DoctorStrings.Iptables_Blocks_Advice, fix.Rule),
        FixCode.InsertIptablesAccept => Format(DoctorStrings.Iptables_PolicyDrop_Advice, Proto(fix.Protocol), fix.Port),
        FixCode.FirewalldAddPort => Format(DoctorStrings.Firewalld_Blocks_Advice, fix.Port, Proto(fix.Protocol)),
        // A command line, the same in every language.
        FixCode.UfwAllow => string.Create(CultureInfo.InvariantCulture, $"sudo ufw allow {fix.Port}/{Proto(fix.Protocol)}"),
        FixCode.DisableWindowsRule => Format(DoctorStrings.Win_Blocks_Advice, fix.Rule),
        FixCode.NewWindowsRule => Format(DoctorStrings.Win_NoRule_Advice, fix.Port, WindowsProto(fix.Protocol)),
        FixCode.NewWindowsRuleOnPublicNetwork => Format(DoctorStrings.Win_NoRule_AdvicePublic, fix.Port, WindowsProto(fix.Protocol)),
        _ => fix.Code.ToString(),
    };

    /// <summary>The step's name in the UI language; the JSON keeps the stable identifier.</summary>
    public static string StepName(DoctorCheckId id) => id switch
    {
        DoctorCheckId.Name => Strings.Doctor_Step_Name,
        DoctorCheckId.Path => Strings.Doctor_Step_Path,
        DoctorCheckId.Addresses => Strings.Doctor_Step_Addresses,
        DoctorCheckId.Port => Strings.Doctor_Step_Port,
        DoctorCheckId.Service => Strings.Doctor_Step_Service,
        DoctorCheckId.Listener => Strings.Doctor_Step_Listener,
        DoctorCheckId.Firewall => Strings.Doctor_Step_Firewall,
        _ => id.ToString(),
    };

    /// <summary>The last line: the verdict the report computed.</summary>
    public static string Verdict(DoctorVerdict verdict) => verdict switch
    {
        DoctorVerdict.Answered => Strings.Doctor_Verdict_Answered,
        DoctorVerdict.NoAnswer => Strings.Doctor_Verdict_NoAnswer,
        _ => Strings.Doctor_Verdict_NoPort,
    };

    private static string Format(string format, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, format, arguments);

    private static string Where(DoctorFacts f) =>
        f.Address is { } address && f.Port is { } port ? EndPointText.Format(new System.Net.IPEndPoint(address, port), f.Protocol ?? TransportProtocol.Tcp) : string.Empty;

    private static string Address(System.Net.IPAddress? address) => address is null ? string.Empty : EndPointText.Format(address);

    private static string Elapsed(DoctorFacts f)
    {
        var elapsed = TimeSpan.FromMilliseconds(f.ElapsedMilliseconds ?? 0);
        return elapsed < TimeSpan.FromSeconds(1) ? $"{elapsed.TotalMilliseconds:0.#} ms" : $"{elapsed.TotalSeconds:0.##} s";
    }

    private static string On(string? networkInterface) => networkInterface is null ? string.Empty : Format(DoctorStrings.Path_On, networkInterface);

    private static string Kind(SocketErrorKind? kind) => kind switch
    {
        SocketErrorKind.HostUnreachable => DoctorStrings.Kind_HostUnreachable,
        SocketErrorKind.NetworkUnreachable => DoctorStrings.Kind_NetworkUnreachable,
        SocketErrorKind.AccessDenied => DoctorStrings.Kind_Prohibited,
        _ => kind?.ToString() ?? string.Empty,
    };

    private static string Proto(TransportProtocol? protocol) => protocol == TransportProtocol.Udp ? "udp" : "tcp";

    // Windows Firewall's own spelling of the protocol, as its cmdlets and netsh take it.
    private static string WindowsProto(TransportProtocol? protocol) => protocol == TransportProtocol.Udp ? "UDP" : "TCP";

    private static string Process(ListeningProcess process) =>
        process.Name is null
            ? string.Create(CultureInfo.InvariantCulture, $"pid {process.ProcessId}")
            : string.Create(CultureInfo.InvariantCulture, $"{process.Name} (pid {process.ProcessId})");

    private static string Network(DoctorFacts f) =>
        Format(DoctorStrings.Win_Where, f.Profile, f.Interfaces is { Count: > 0 } interfaces ? string.Join(", ", interfaces) : DoctorStrings.Win_NoNetwork);

    private static string ForProgram(string? program) => program is null ? string.Empty : Format(DoctorStrings.Win_ForProgram, program);

    private static string Problem(FirewallQueryProblem? problem) => problem?.Failure switch
    {
        null => string.Empty,
        FirewallQueryFailure.NotStarted => Format(DoctorStrings.Firewall_WindowsQuery_NotStarted, Excerpt(problem.Said)),
        FirewallQueryFailure.TimedOut => Format(DoctorStrings.Firewall_WindowsQuery_TimedOut, problem.TimeoutSeconds),
        FirewallQueryFailure.FailedSilently => Format(DoctorStrings.Firewall_WindowsQuery_FailedSilently, problem.ExitCode),
        FirewallQueryFailure.Failed => Format(DoctorStrings.Firewall_WindowsQuery_Failed, problem.ExitCode, Excerpt(problem.Said)),
        FirewallQueryFailure.Empty => DoctorStrings.Firewall_WindowsQuery_Empty,
        FirewallQueryFailure.EmptyWithError => Format(DoctorStrings.Firewall_WindowsQuery_EmptyWithError, Excerpt(problem.Said)),
        FirewallQueryFailure.NotBase64 => Format(DoctorStrings.Firewall_WindowsQuery_NotBase64, Excerpt(problem.Said)),
        FirewallQueryFailure.NotJson => Format(DoctorStrings.Firewall_WindowsQuery_NotJson, Excerpt(problem.Said)),
        _ => problem.Failure.ToString(),
    };

    /// <summary>A tool's line, shortened to what a reason quotes (one terminal line or two).</summary>
    private static string Excerpt(string? text) =>
        text is null ? string.Empty : text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "...");

    private static string Program(DoctorFix fix) => fix.Program ?? "netprog";

    /// <summary>
    /// The command that shows this machine's sockets on the port, as the course teaches it: Windows has no grep, and its
    /// find takes the text in double quotes.
    /// </summary>
    private static string NetstatCommand(int? port) =>
        OperatingSystem.IsWindows() ? $"netstat -na | find \"{port}\"" : $"netstat -na | grep {port}";
}
