namespace NetProg.Services.Check.Login;

/// <summary>
/// The checks of this family that apply to a kind of server: the login server's, sharing one state per target (how to
/// log in, and whether that works).
/// </summary>
public static class LoginChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind)
    {
        if (kind != CheckKind.LoginServer)
        {
            return [];
        }

        var state = new LoginCheckState();
        return
        [
            new LoginCheck(state),
            new WrongPasswordCheck(state),
            new EnumerationCheck(state),
            new FragmentedLoginCheck(state),
            new LongLineCheck(state),
            new ResetMidLoginCheck(state),
            new ConcurrentSessionsCheck(state),
        ];
    }
}
