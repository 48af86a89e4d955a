namespace NetProg.Services.Check.Local;

/// <summary>
/// <c>port-byte-order</c>: the server listens on the port expected. When nothing does but the program listens on that
/// port with its two bytes swapped, it forgot htons() (<see cref="PortBytes"/>). The checker has then already pointed
/// every other check at the swapped port, and reports this one right after <c>reachable</c>.
/// </summary>
internal sealed class PortByteOrderCheck : IServerCheck
{
    public string Id => CheckIds.PortByteOrder;

    public Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        if (LocalServer.Unavailable(context, Id) is { } skip)
        {
            return Task.FromResult(skip);
        }

        var expected = context.ExpectedPort;
        var ports = LocalServer.Listeners(context).Select(s => s.Local.Port).Distinct().Order().ToList();
        return Task.FromResult(LocalRules.PortByteOrder(Id, expected, ports));
    }
}
