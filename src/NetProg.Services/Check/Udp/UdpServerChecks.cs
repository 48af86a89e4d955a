namespace NetProg.Services.Check.Udp;

/// <summary>The checks of this family that apply to a kind of server.</summary>
public static class UdpServerChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind) => [];
}
