namespace NetProg.Services.Check;

/// <summary>The names of <see cref="CheckKind"/> on the command line and in the JSON, and what each kind is.</summary>
public static class CheckKinds
{
    private static readonly (CheckKind Kind, string Name)[] Names =
    [
        (CheckKind.TimeServer, "time-server"),
        (CheckKind.UdpTimeServer, "udp-time-server"),
        (CheckKind.EchoServer, "echo-server"),
        (CheckKind.UdpEchoServer, "udp-echo-server"),
        (CheckKind.LoginServer, "login-server"),
        (CheckKind.TimeClient, "time-client"),
        (CheckKind.UdpTimeClient, "udp-time-client"),
        (CheckKind.EchoClient, "echo-client"),
        (CheckKind.UdpEchoClient, "udp-echo-client"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string Name(CheckKind kind) => Names.First(n => n.Kind == kind).Name;

    public static bool TryParse(string text, out CheckKind kind)
    {
        foreach (var (k, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static bool IsServer(CheckKind kind) => kind is CheckKind.TimeServer or CheckKind.UdpTimeServer or CheckKind.EchoServer or CheckKind.UdpEchoServer or CheckKind.LoginServer;

    public static bool IsUdp(CheckKind kind) => kind is CheckKind.UdpTimeServer or CheckKind.UdpEchoServer or CheckKind.UdpTimeClient or CheckKind.UdpEchoClient;

    public static bool IsTime(CheckKind kind) => kind is CheckKind.TimeServer or CheckKind.UdpTimeServer or CheckKind.TimeClient or CheckKind.UdpTimeClient;
}
