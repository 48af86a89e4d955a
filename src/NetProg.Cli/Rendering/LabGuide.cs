using NetProg.Diagnostics;
using NetProg.Transport;

namespace NetProg.Cli.Rendering;

/// <summary>
/// The commands a student can paste to try the lab, from this machine and from another one on the network, with this
/// machine's real addresses, and the hints the course's Q&amp;A keeps needing (firewall, NAT, bridged networking). Every
/// command starts with the program's name as netprog was started (<see cref="Infrastructure.ProgramName"/>), so it
/// works when pasted.
/// </summary>
internal static class LabGuide
{
    /// <param name="store">The login echo's account store, for people (<c>SQLite /home/u/.local/share/netprog/accounts.db</c>).</param>
    /// <param name="db">The lab's <c>--db</c>, repeated in the <c>users add</c> line; null for the default store, which
    /// <c>users add</c> finds by itself.</param>
    public static IEnumerable<string> Lines(LabPorts ports, string program, string store, string? db, IReadOnlyList<string> binds, IReadOnlyList<LocalAddress> addresses)
    {
        var (timePort, echoPort, loginPort) = ports;
        var dbOption = db is null ? string.Empty : " --db " + (db.Contains(' ', StringComparison.Ordinal) ? $"\"{db}\"" : db);
        yield return string.Empty;
        yield return Strings.Lab_TryHere;
        yield return $"  {program} time-client 127.0.0.1 {timePort}";
        yield return $"  {program} time-client 127.0.0.1 {timePort} --udp";
        yield return $"  {program} echo-client 127.0.0.1 {echoPort}";
        yield return $"{$"  nc 127.0.0.1 {echoPort}",-44} {Strings.Lab_NetcatHint}";
        yield return $"{$"  nc -u 127.0.0.1 {echoPort}",-44} {Strings.Lab_UdpEchoHint}";
        yield return $"{$"  netstat -na | grep {timePort}",-44} {string.Format(Strings.Lab_NetstatHint, timePort)}";
        yield return string.Empty;
        yield return string.Format(Strings.Lab_LoginIntro, store);
        yield return $"  {program} users add alice{dbOption}";
        yield return $"  {program} echo-client 127.0.0.1 {loginPort} --user alice";
        yield return $"{$"  nc 127.0.0.1 {loginPort}",-44} {Strings.Lab_LoginNcHint}";

        var loopbackOnly = binds.Count > 0 && binds.All(b => EndPointText.TryParseAddress(b, out var a) && IPAddress.IsLoopback(a));
        // IPv6 link-local addresses (fe80::/10) exist on every interface and need a zone index to be used: not worth showing.
        var remote = addresses
            .Where(a => a.IsUp && a.Scope is not AddressScope.Loopback)
            .Where(a => !(a.Scope == AddressScope.LinkLocal && a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            .ToList();
        yield return string.Empty;
        if (loopbackOnly)
        {
            yield return Strings.Lab_LoopbackOnly;
            yield break;
        }

        if (remote.Count == 0)
        {
            yield return Strings.Lab_NoNetwork;
            yield break;
        }

        yield return Strings.Lab_TryRemote;
        foreach (var address in remote.Take(4))
        {
            yield return $"{$"  {program} time-client {address.Address} {timePort}",-44} ({address.InterfaceName}{Note(address.Scope)})";
        }

        yield return string.Format(Strings.Lab_TimeoutHint, timePort, loginPort);
        yield return Strings.Lab_ClearTextHint;
    }

    private static string Note(AddressScope scope) => scope switch
    {
        AddressScope.LinkLocal => Strings.Lab_Note_LinkLocal,
        AddressScope.SharedCgnat => Strings.Lab_Note_Cgnat,
        AddressScope.Public => Strings.Lab_Note_Public,
        _ => string.Empty,
    };
}
