namespace NetProg.Reliability.Tests.Support;

/// <summary><c>netprog forward --listen 127.0.0.1:0 --to 127.0.0.1:PORT ...</c>, started and waited for.</summary>
public static class ForwardProcess
{
    public static Task<NetProgServer> StartAsync(int targetPort, params string[] extra)
    {
        var process = NetProgApp.Start(["forward", "--listen", "127.0.0.1:0", "--to", "127.0.0.1:" + targetPort.ToString(CultureInfo.InvariantCulture), .. extra]);
        return NetProgApp.WaitForListeningAsync(process, extra.Contains("--both") ? 2 : 1);
    }
}
