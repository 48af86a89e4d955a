namespace NetProg.Services.Check.Login;

/// <summary>How a login with the transcript went.</summary>
internal enum LoginOutcome
{
    /// <summary>Every reply matched, and the echo came back.</summary>
    LoggedIn,

    /// <summary>The connection was not accepted.</summary>
    NoConnection,

    /// <summary>A reply before the password's did not match the transcript.</summary>
    Dialogue,

    /// <summary>The success reply did not come.</summary>
    Refused,

    /// <summary>Logged in, but the echo line did not come back.</summary>
    NoEcho,
}
