using System.Text.Json;
using NetProg.Transport;

namespace NetProg.Diagnostics.Doctor;

public static partial class FirewallRules
{
    /// <summary>
    /// Windows Defender Firewall, from the JSON <see cref="WindowsFirewallQuery"/> prints: for each network the machine is on
    /// (its category picks the profile: Public, Private or Domain), what the enabled inbound rules do to the port. Block rules
    /// win over allow rules, and with no matching rule the profile's default applies, which is Block unless someone changed it
    /// (learn.microsoft.com, "Windows Firewall rules", rule precedence). A rule limited to a program counts only when that
    /// program holds the port now (<paramref name="listeningPrograms"/>, process names without ".exe").
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON, or not the query's (no firewall profiles in it).</exception>
    public static IReadOnlyList<DoctorCheck> AnalyzeWindowsFirewall(string json, int port, bool udp, IReadOnlyCollection<string> listeningPrograms)
    {
        var proto = udp ? "UDP" : "TCP";
        var protocol = udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        // Every Windows has its Domain, Private and Public profiles: JSON without them is not the script's answer.
        var profiles = Items(root, "profiles")
            .Where(p => Text(p, "name").Length > 0)
            .GroupBy(p => Text(p, "name"), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        if (profiles.Count == 0)
        {
            throw new JsonException("no firewall profiles in the answer");
        }

        var rules = Items(root, "rules")
            .Where(r => ProtocolMatches(Text(r, "protocol"), proto) && Items(r, "localPort").Any(p => LocalPortMatches(TextOf(p), port)))
            .ToList();

        // Which profile applies depends on the network the packet arrives on; report each network the machine is on.
        var networks = Items(root, "networks")
            .Select(n => (Interface: Text(n, "interface"), Profile: ProfileOfCategory(Text(n, "category"))))
            .GroupBy(n => n.Profile, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Profile: g.Key, Interfaces: (IReadOnlyList<string>)[.. g.Select(n => n.Interface)]))
            .ToList();
        if (networks.Count == 0)
        {
            // No network connected: every profile, with no interface in it.
            networks = [.. profiles.Keys.Select(p => (Profile: p, Interfaces: (IReadOnlyList<string>)[]))];
        }

        var checks = new List<DoctorCheck>();
        foreach (var (profile, interfaces) in networks)
        {
            var where = new DoctorFacts { Port = port, Protocol = protocol, Profile = profile, Interfaces = interfaces };
            if (profiles.TryGetValue(profile, out var settings) && Text(settings, "enabled").Equals("False", StringComparison.OrdinalIgnoreCase))
            {
                checks.Add(new DoctorCheck(DoctorCheckId.Firewall, CheckStatus.Passed, DoctorFinding.WindowsFirewallOff, where));
                continue;
            }

            var applying = rules.Where(r => ProfileMatches(Text(r, "profile"), profile)).ToList();
            var matching = applying.Where(r => ProgramMatches(Text(r, "program"), listeningPrograms)).ToList();
            if (matching.FirstOrDefault(r => Text(r, "action") == "Block") is { ValueKind: JsonValueKind.Object } block)
            {
                var name = Text(block, "name");
                checks.Add(new DoctorCheck(
                    DoctorCheckId.Firewall, CheckStatus.Failed, DoctorFinding.WindowsFirewallBlocks,
                    where with { RuleName = name, Program = ForProgram(block) },
                    new DoctorFix(FixCode.DisableWindowsRule) { Rule = name }));
            }
            else if (matching.FirstOrDefault(r => Text(r, "action") == "Allow") is { ValueKind: JsonValueKind.Object } allow)
            {
                checks.Add(new DoctorCheck(
                    DoctorCheckId.Firewall, CheckStatus.Passed, DoctorFinding.WindowsFirewallAllows,
                    where with { RuleName = Text(allow, "name"), Program = ForProgram(allow) }));
            }
            else if (profiles.TryGetValue(profile, out settings) && Text(settings, "defaultInboundAction") == "Allow")
            {
                checks.Add(new DoctorCheck(DoctorCheckId.Firewall, CheckStatus.Passed, DoctorFinding.WindowsFirewallDefaultAllow, where));
            }
            else
            {
                // Without a known listener, a rule for some program may or may not be the server's: say so rather than guess.
                var unsure = listeningPrograms.Count == 0 && applying.Any(r => Text(r, "action") == "Allow");
                var fix = profile.Equals("Public", StringComparison.OrdinalIgnoreCase) ? FixCode.NewWindowsRuleOnPublicNetwork : FixCode.NewWindowsRule;
                checks.Add(new DoctorCheck(
                    DoctorCheckId.Firewall, unsure ? CheckStatus.Warning : CheckStatus.Failed,
                    unsure ? DoctorFinding.WindowsFirewallNoRuleUnsure : DoctorFinding.WindowsFirewallNoRule,
                    where, new DoctorFix(fix) { Port = port, Protocol = protocol }));
            }
        }

        return checks;
    }

    // The program a rule is limited to; null for "Any" (or none), which applies to every program.
    private static string? ForProgram(JsonElement rule) =>
        Text(rule, "program") is { Length: > 0 } program && !program.Equals("Any", StringComparison.OrdinalIgnoreCase) ? program : null;

    // An array as the script means it; Windows PowerShell 5.1's ConvertTo-Json may instead write {"value":[...],"Count":n}
    // (the ETS Count of System.Array, PowerShell/PowerShell#3153) or, for one item, the item itself.
    private static IEnumerable<JsonElement> Items(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value", out var wrapped) && value.TryGetProperty("Count", out _))
        {
            value = wrapped;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.Object or JsonValueKind.String or JsonValueKind.Number => [value],
            _ => [],
        };
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? TextOf(value) : string.Empty;

    // The script makes every value a string; a number or a JSON boolean (an enum or bool left unconverted) reads as
    // PowerShell's [string] would write it ("30000", "True").
    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => string.Empty,
    };

    // NetConnectionProfile.NetworkCategory: Public, Private, DomainAuthenticated; the firewall's profiles: Public, Private, Domain.
    private static string ProfileOfCategory(string category) => category == "DomainAuthenticated" ? "Domain" : category;

    // [string] of the NET_FW_PROFILE flags: "Any", "Public", "Domain, Private", ...
    private static bool ProfileMatches(string profiles, string profile) =>
        profiles.Equals("Any", StringComparison.OrdinalIgnoreCase)
        || profiles.Split(',', StringSplitOptions.TrimEntries).Contains(profile, StringComparer.OrdinalIgnoreCase);

    // Port filters name the protocol as TCP, UDP or Any, or by number for the others (6 and 17 are TCP and UDP, RFC 790).
    private static bool ProtocolMatches(string protocol, string proto) =>
        protocol.Equals(proto, StringComparison.OrdinalIgnoreCase) || protocol.Equals("Any", StringComparison.OrdinalIgnoreCase)
        || protocol == (proto == "TCP" ? "6" : "17");

    // "Any", "30000", "30000-40000", or a keyword (RPC, RPCEPMap, IPHTTPSIn, PlayToDiscovery...) that names no fixed port.
    private static bool LocalPortMatches(string localPort, int port) =>
        localPort.Equals("Any", StringComparison.OrdinalIgnoreCase) || NamesPort(localPort, port);

    // "Any", or a path like "C:\\course\\time_server.exe" or "%SystemRoot%\\system32\\svchost.exe", matched by file name.
    private static bool ProgramMatches(string program, IReadOnlyCollection<string> listeningPrograms)
    {
        if (program.Length == 0 || program.Equals("Any", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var name = program[(program.LastIndexOfAny(['\\', '/']) + 1)..];
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return listeningPrograms.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
