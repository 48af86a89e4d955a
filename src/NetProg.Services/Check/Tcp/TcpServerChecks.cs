namespace NetProg.Services.Check.Tcp;

/// <summary>The checks of this family that apply to a kind of server.</summary>
public static class TcpServerChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind) => [];
}
