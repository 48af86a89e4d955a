namespace NetProg.Services.Check.Login;

/// <summary>The checks of this family that apply to a kind of server.</summary>
public static class LoginChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind) => [];
}
