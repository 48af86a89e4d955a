using NetProg.Diagnostics.Sockets;

namespace NetProg.Services.Check.Local;

/// <summary>
/// The local checks' conclusions from what was seen (ports, listening sockets, how a program ended): pure, so every
/// case is tested without a server. The checks gather the facts and call these.
/// </summary>
public static class LocalRules
{
    // Windows' NTSTATUS exit codes of a crashed process: access violation, stack overflow.
    private const int AccessViolation = unchecked((int)0xC0000005);
    private const int StackOverflow = unchecked((int)0xC00000FD);

    /// <summary><c>port-byte-order</c> for the ports a server listens on.</summary>
    public static CheckResult PortByteOrder(string id, int expected, IReadOnlyList<int> ports)
    {
        var swapped = PortBytes.Forgotten(expected);
        if (ports.Count == 0)
        {
            return CheckResult.Skip(id, LocalCheckText.Skip_NoListener);
        }

        if (ports.Contains(expected))
        {
            return CheckResult.Pass(id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.PortByteOrder_Pass, expected));
        }

        if (swapped is { } port && ports.Contains(port))
        {
            return CheckResult.Fail(
                id,
                string.Format(CultureInfo.CurrentCulture, LocalCheckText.PortByteOrder_Fail, expected, port, expected.ToString("X4", CultureInfo.InvariantCulture), port.ToString("X4", CultureInfo.InvariantCulture)),
                LocalCheckText.PortByteOrder_Cause,
                LocalCheckText.PortByteOrder_Fix);
        }

        var list = string.Join(", ", ports.Select(p => p.ToString(CultureInfo.CurrentCulture)));
        return CheckResult.Warn(
            id,
            string.Format(CultureInfo.CurrentCulture, LocalCheckText.PortByteOrder_Other, list, expected, swapped ?? expected),
            LocalCheckText.PortByteOrder_Other_Cause,
            string.Format(CultureInfo.CurrentCulture, LocalCheckText.PortByteOrder_Other_Fix, ports[0]));
    }

    /// <summary><c>listen-address</c> for the sockets a server listens on (those of its port).</summary>
    public static CheckResult ListenAddress(string id, IReadOnlyList<SocketEntry> listeners)
    {
        if (listeners.Count == 0)
        {
            return CheckResult.Skip(id, LocalCheckText.Skip_NoListener);
        }

        var where = LocalServer.Endpoints(listeners);
        var any4 = listeners.Any(s => s.Local.Address.Equals(IPAddress.Any));
        var any6 = listeners.Any(s => s.Local.Address.Equals(IPAddress.IPv6Any));
        if (any4 || any6)
        {
            var text = any4 && any6 ? LocalCheckText.ListenAddress_AnyBoth : any4 ? LocalCheckText.ListenAddress_Any4 : LocalCheckText.ListenAddress_Any6;
            return CheckResult.Pass(id, string.Format(CultureInfo.CurrentCulture, text, where));
        }

        if (listeners.All(s => IPAddress.IsLoopback(s.Local.Address)))
        {
            var v6 = listeners.All(s => s.Local.AddressFamily == AddressFamily.InterNetworkV6 && !s.Local.Address.IsIPv4MappedToIPv6);
            return CheckResult.Fail(
                id,
                string.Format(CultureInfo.CurrentCulture, LocalCheckText.ListenAddress_Loopback, where),
                LocalCheckText.ListenAddress_Loopback_Cause,
                v6 ? LocalCheckText.ListenAddress_Loopback_Fix6 : LocalCheckText.ListenAddress_Loopback_Fix);
        }

        return CheckResult.Pass(id, string.Format(CultureInfo.CurrentCulture, LocalCheckText.ListenAddress_One, where));
    }

    /// <summary>The likely cause and the fix for an exit by <paramref name="signal"/> or with <paramref name="exitCode"/>.</summary>
    public static (string Cause, string Fix) Explain(int? signal, int? exitCode) => signal switch
    {
        SignalNames.Pipe => (LocalCheckText.Crash_Cause_Pipe, LocalCheckText.Crash_Fix_Pipe),
        SignalNames.Segv => (LocalCheckText.Crash_Cause_Segv, LocalCheckText.Crash_Fix_Segv),
        SignalNames.Abrt => (LocalCheckText.Crash_Cause_Abort, LocalCheckText.Crash_Fix_Segv),
        SignalNames.Fpe => (LocalCheckText.Crash_Cause_Fpe, LocalCheckText.Crash_Fix_Fpe),
        SignalNames.Kill => (LocalCheckText.Crash_Cause_Killed, LocalCheckText.Crash_Fix_Killed),
        { } other when other == SignalNames.Bus || other == SignalNames.Ill => (LocalCheckText.Crash_Cause_Segv, LocalCheckText.Crash_Fix_Segv),
        { } other => (LocalCheckText.Crash_Cause_Signal, string.Format(CultureInfo.CurrentCulture, LocalCheckText.Crash_Fix_Signal, SignalNames.Name(other))),
        null => exitCode switch
        {
            0 => (LocalCheckText.Crash_Cause_Exit0, LocalCheckText.Crash_Fix_Exit0),
            AccessViolation or StackOverflow => (LocalCheckText.Crash_Cause_Segv, LocalCheckText.Crash_Fix_Segv),
            _ => (LocalCheckText.Crash_Cause_Exit, LocalCheckText.Crash_Fix_Exit),
        },
    };
}
