namespace NetProg.Reliability.Tests.Support;

/// <summary><c>netprog forward --listen 127.0.0.1:0 --to 127.0.0.1:PORT ...</c>, started and waited for.</summary>
public static class ForwardProcess
{
    public static async Task<NetProgServer> StartAsync(int targetPort, params string[] extra)
    {
        var process = NetProgApp.Start(["forward", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + targetPort.ToString(CultureInfo.InvariantCulture), .. extra]);
        try
        {
            var count = extra.Contains("--both") ? 2 : 1;
            var lines = await process.WaitForStdoutLinesAsync(NetProgApp.ListeningLine(), count, NetProgApp.StartTimeout);
            return new NetProgServer(process, [.. lines.Select(m => new ListeningSocket(
                m.Groups["address"].Value, int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture), m.Groups["protocol"].Value))]);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }
}
