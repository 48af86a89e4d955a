namespace NetProg.Services.Clients;

/// <summary>The server answered the login with something other than 230: its reply, as sent.</summary>
public sealed class LoginRefusedException(int code, string reply) : Exception(reply)
{
    /// <summary>The reply code (530, 421 ...), or 0 when the server did not speak the protocol.</summary>
    public int Code { get; } = code;

    public string Reply { get; } = reply;
}
