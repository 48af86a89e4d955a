namespace NetProg.Services.Check.Local;

/// <summary>The checks of this family that apply to a kind of server.</summary>
public static class LocalChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind) => [];
}
