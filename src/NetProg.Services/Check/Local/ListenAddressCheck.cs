using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetProg.Diagnostics.Sockets;

namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>listen-address</c>: the address the server's socket is bound to. 0.0.0.0 or :: (INADDR_ANY, in6addr_any) takes
/// connections on every address of the machine; 127.0.0.1 or ::1 only from the machine itself (ip(7), ipv6(7)), which
/// is a bug for a course whose client runs on another machine; one LAN address is noted.
/// </summary>
internal sealed class ListenAddressCheck : IServerCheck
{
    public string Id => CheckIds.ListenAddress;

    public Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (LocalServer.Unavailable(context, Id) is { } skip)
        {
            return Task.FromResult(skip);
        }

        var listeners = LocalServer.Listeners(context);
        var onPort = listeners.Where(s => s.Local.Port == context.EndPoint.Port).ToList();
        return Task.FromResult(Judge(Id, onPort.Count > 0 ? onPort : listeners));
    }

    /// <summary>The verdict for the sockets a server listens on: pure, so every case is tested without a server.</summary>
    internal static CheckResult Judge(string id, IReadOnlyList<SocketEntry> listeners)
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
}
