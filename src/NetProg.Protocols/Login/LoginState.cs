namespace NetProg.Protocols.Login;

/// <summary>Where a <see cref="LoginSession"/> is in the conversation.</summary>
public enum LoginState
{
    /// <summary>Created; <see cref="LoginSession.Start"/> has not sent the 220 greeting yet.</summary>
    Greeting,

    /// <summary>Waiting for <c>USER</c> (also after a failed <c>PASS</c>, as POP3's AUTHORIZATION state, RFC 1939 section 7).</summary>
    ExpectUser,

    /// <summary><c>USER</c> was answered with 331; waiting for <c>PASS</c>.</summary>
    ExpectPass,

    /// <summary>A <see cref="VerifyPassword"/> was handed out; waiting for <see cref="LoginSession.CompleteVerification(bool)"/>.</summary>
    Verifying,

    /// <summary>230 was sent; every line but <c>QUIT</c> is echoed.</summary>
    LoggedIn,

    /// <summary>A reply with <see cref="SendReply.ThenClose"/> was handed out; the session takes no more input.</summary>
    Closed,
}
