namespace NetProg.Protocols.Login;

/// <summary>
/// What the service must do next, as returned by every <see cref="LoginSession"/> method: <see cref="SendReply"/>,
/// <see cref="VerifyPassword"/> or <see cref="EchoLine"/>. The set is closed (the constructor is not visible outside
/// this assembly), so a <c>switch</c> over the three is complete.
/// </summary>
public abstract record LoginAction
{
    private protected LoginAction()
    {
    }
}
