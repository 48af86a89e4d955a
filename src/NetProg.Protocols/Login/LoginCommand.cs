namespace NetProg.Protocols.Login;

/// <summary>The commands a client may send before logging in; anything else is <see cref="Other"/>.</summary>
internal enum LoginCommand
{
    Other,
    User,
    Pass,
    Quit,
}
