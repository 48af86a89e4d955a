
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
        return Task.FromResult(LocalRules.ListenAddress(Id, onPort.Count > 0 ? onPort : listeners));
    }
}
