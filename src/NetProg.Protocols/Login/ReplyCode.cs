namespace NetProg.Protocols.Login;

/// <summary>
/// The reply codes of the login protocol. The numbers are FTP's (RFC 959 section 4.2), so an FTP-aware reader (and the
/// course's students) can interpret them: the first digit says success (2), more input needed (3), transient failure,
/// try later (4), permanent failure (5).
/// </summary>
public enum ReplyCode
{
    /// <summary>220 Service ready for new user: the greeting with the banner.</summary>
    ServiceReady = 220,

    /// <summary>221 Service closing control connection: the answer to <c>QUIT</c>.</summary>
    Bye = 221,

    /// <summary>230 User logged in, proceed.</summary>
    LoggedIn = 230,

    /// <summary>331 User name okay, need password: sent for every <c>USER</c>, valid name or not.</summary>
    PasswordRequired = 331,

    /// <summary>421 Service not available, closing control connection: idle timeout, throttling, too many failed logins.</summary>
    ServiceNotAvailable = 421,

    /// <summary>500 Syntax error, command unrecognized -- RFC 959 includes "command line too long" in this code.</summary>
    LineTooLong = 500,

    /// <summary>530 Not logged in: wrong name or password, or anything but USER/PASS/QUIT before logging in.</summary>
    NotLoggedIn = 530,
}
