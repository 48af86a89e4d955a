using NetProg.Protocols.Login;

namespace NetProg.Services.Login;

/// <summary>Settings of the login echo; each states its default.</summary>
public sealed record LoginEchoOptions
{
    /// <summary>The text after <c>220</c>. Defaults to "netprog echo with login ready".</summary>
    public string Banner { get; init; } = "netprog echo with login ready";

    /// <summary>A session with no complete line for this long gets <c>421 idle timeout</c> and is closed. Defaults to 5 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A session that has not logged in (230) this long after it connected gets <c>421 login timeout</c> and is closed, however
    /// busy it keeps the line: the idle timeout alone let a client that never logs in hold a slot with a <c>NOOP</c> now and
    /// then. Defaults to 60 seconds (OpenSSH's <c>LoginGraceTime</c> is 120 s; a person types a name and a password in far less).
    /// </summary>
    public TimeSpan LoginTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Lines before 230 until <c>421 too many commands before login</c>. Defaults to <see cref="LoginSession.DefaultMaxCommandsBeforeLogin"/> (20).</summary>
    public int MaxCommandsBeforeLogin { get; init; } = LoginSession.DefaultMaxCommandsBeforeLogin;

    /// <summary>A TLS client has this long to finish its handshake. Defaults to 10 seconds.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed <c>PASS</c> on one connection before <c>421 too many failed logins</c>. Defaults to 3.</summary>
    public int MaxFailedPasswords { get; init; } = 3;

    /// <summary>
    /// On stop, how long the login records still queued (last-login time, failure count) may take to reach the store.
    /// Defaults to 5 seconds.
    /// </summary>
    public TimeSpan RecordsDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
