using System.Globalization;

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
        return Task.FromResult(Judge(Id, expected, ports));
    }

    /// <summary>The verdict for the ports a server listens on: pure, so every case is tested without a server.</summary>
    internal static CheckResult Judge(string id, int expected, IReadOnlyList<int> ports)
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
}
