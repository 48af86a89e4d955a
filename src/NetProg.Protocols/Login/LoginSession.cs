using UserNameSyntax = NetProg.Protocols.Login.UserName;

namespace NetProg.Protocols.Login;

/// <summary>
/// The login conversation of the "echo with login" service, as a pure state machine: it gets events (a line, a line
/// that was too long, the result of a password check, a throttling verdict, an idle timeout) and returns the
/// <see cref="LoginAction"/> the service performs. No I/O, no clock, no threads: the slow and timed parts (hashing,
/// throttling lookups, the idle timer) stay in the service, which feeds their outcomes back.
/// </summary>
/// <remarks>
/// <para>The wire protocol (FTP/POP3 style, one line each way):</para>
/// <list type="bullet">
/// <item><see cref="Start"/>: <c>220 &lt;banner&gt;</c>.</item>
/// <item><c>USER &lt;name&gt;</c>: <c>331 password required</c>, for any name, even a missing or malformed one, so
/// that not even the name syntax can be probed. <c>USER</c> again before <c>PASS</c> restarts with the new name, as in FTP.</item>
/// <item><c>PASS &lt;password&gt;</c> after <c>USER</c>: always a <see cref="VerifyPassword"/> (null name when the name was
/// invalid), then <c>230 welcome &lt;name&gt;</c> or <c>530 login incorrect</c>, after which the client starts again with
/// <c>USER</c> (POP3's rule after a failed PASS, RFC 1939 section 7). The last allowed failure (the 3rd by default)
/// answers <c>421 too many failed logins</c> and closes instead of the 530: one reply per command.</item>
/// <item>Before login anything else, including <c>PASS</c> without <c>USER</c>, is <c>530 please log in</c> (the issue
/// uses 530 where FTP would say <c>503 Bad sequence of commands</c>); after <c>USER</c> it keeps the pending name.</item>
/// <item>After 230 every line is an <see cref="EchoLine"/>, command-like or not, except <c>QUIT</c>.</item>
/// <item>Past <c>maxCommandsBeforeLogin</c> lines without a 230 (20 by default), <c>421 too many commands before login</c>
/// and close: a client that never logs in must not hold a connection by sending <c>NOOP</c> forever.</item>
/// <item><c>QUIT</c> in any state: <c>221 bye</c> and close.</item>
/// </list>
/// <para>
/// <see cref="OnLineTooLong"/>, <see cref="OnThrottled"/> and <see cref="OnIdleTimeout"/> are accepted in every state
/// until the session is closed; <see cref="OnLoginTimeout"/> before 230 only. A call for an event that cannot happen in the current state (a line before
/// <see cref="Start"/> or while a verification is pending, a verification result nobody asked for, anything once
/// <see cref="LoginState.Closed"/>) is a bug in the driver and throws <see cref="InvalidOperationException"/>.
/// </para>
/// </remarks>
public sealed class LoginSession
{
    /// <summary>Failed <c>PASS</c> attempts allowed per connection; the last one closes it (the issue: 3).</summary>
    public const int DefaultMaxFailedPasswords = 3;

    /// <summary>
    /// Lines a connection may send before 230 (<c>USER</c>, <c>PASS</c>, anything else; <c>QUIT</c> is always answered):
    /// three full attempts take six, and a person mistyping a command a few more.
    /// </summary>
    public const int DefaultMaxCommandsBeforeLogin = 20;

    private const string PasswordRequiredText = "password required";
    private const string LoginIncorrectText = "login incorrect";
    private const string PleaseLogInText = "please log in";

    private readonly string _banner;
    private readonly int _maxFailedPasswords;
    private readonly int _maxCommandsBeforeLogin;
    private int _failedPasswords;
    private int _commandsBeforeLogin;

    /// <summary>Creates a session for one connection.</summary>
    /// <param name="banner">The text of the 220 greeting; it must not contain CR or LF.</param>
    /// <param name="maxFailedPasswords">Failed <c>PASS</c> attempts before the connection is closed, 1 or more; default 3.</param>
    /// <param name="maxCommandsBeforeLogin">Lines before 230 until the connection is closed, 2 or more (a USER and a PASS); default 20.</param>
    /// <exception cref="ArgumentException"><paramref name="banner"/> contains CR or LF.</exception>
    public LoginSession(string banner, int maxFailedPasswords = DefaultMaxFailedPasswords, int maxCommandsBeforeLogin = DefaultMaxCommandsBeforeLogin)
    {
        // Checked here, not at the first Write: a misconfigured banner should fail at startup, not per connection.
        ReplyWriter.ValidateText(banner, nameof(banner));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailedPasswords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCommandsBeforeLogin, 2);
        _banner = banner;
        _maxFailedPasswords = maxFailedPasswords;
        _maxCommandsBeforeLogin = maxCommandsBeforeLogin;
    }

    /// <summary>Where the conversation is.</summary>
    public LoginState State { get; private set; } = LoginState.Greeting;

    /// <summary>
    /// The name given with the pending <c>USER</c> (<see cref="LoginState.ExpectPass"/>, <see cref="LoginState.Verifying"/>)
    /// or the logged-in name (<see cref="LoginState.LoggedIn"/>); null otherwise and when the given name was not valid.
    /// </summary>
    public string? UserName { get; private set; }

    /// <summary>The greeting: <c>220 &lt;banner&gt;</c>. Call once, first.</summary>
    public LoginAction Start()
    {
        RequireState(LoginState.Greeting);
        State = LoginState.ExpectUser;
        return new SendReply(ReplyCode.ServiceReady, _banner, ThenClose: false);
    }

    /// <summary>A complete line from the client, without its LF or CRLF.</summary>
    /// <param name="line">The content; any bytes, UTF-8 or not.</param>
    public LoginAction OnLine(ReadOnlySpan<byte> line)
    {
        if (State is not (LoginState.ExpectUser or LoginState.ExpectPass or LoginState.LoggedIn))
        {
            throw WrongState();
        }

        LoginCommand command = LoginCommandParser.Parse(line, out ReadOnlySpan<byte> argument);
        if (command == LoginCommand.Quit)
        {
            return Close(ReplyCode.Bye, "bye");
        }

        if (State == LoginState.LoggedIn)
        {
            return EchoLine.Instance;
        }

        if (++_commandsBeforeLogin > _maxCommandsBeforeLogin)
        {
            return Close(ReplyCode.ServiceNotAvailable, "too many commands before login");
        }

        switch (command)
        {
            case LoginCommand.User:
                // Validated on the raw bytes, so a non-UTF-8 name is just invalid; a valid name is ASCII by definition.
                UserName = UserNameSyntax.IsValid(argument) ? Encoding.ASCII.GetString(argument) : null;
                State = LoginState.ExpectPass;
                return Reply(ReplyCode.PasswordRequired, PasswordRequiredText);

            case LoginCommand.Pass when State == LoginState.ExpectPass:
                // Encoding.UTF8 replaces invalid bytes with U+FFFD instead of throwing.
                State = LoginState.Verifying;
                return new VerifyPassword(UserName, Encoding.UTF8.GetString(argument));

            default:
                return Reply(ReplyCode.NotLoggedIn, PleaseLogInText);
        }
    }

    /// <summary>
    /// The outcome of the <see cref="VerifyPassword"/> just handed out. With a null (invalid) name the login fails
    /// whatever <paramref name="passwordOk"/> says: the dummy hash must never let anyone in.
    /// </summary>
    public LoginAction CompleteVerification(bool passwordOk)
    {
        RequireState(LoginState.Verifying);
        if (passwordOk && UserName is not null)
        {
            State = LoginState.LoggedIn;
            return Reply(ReplyCode.LoggedIn, "welcome " + UserName);
        }

        UserName = null;
        _failedPasswords++;
        if (_failedPasswords >= _maxFailedPasswords)
        {
            return Close(ReplyCode.ServiceNotAvailable, "too many failed logins");
        }

        State = LoginState.ExpectUser;
        return Reply(ReplyCode.NotLoggedIn, LoginIncorrectText);
    }

    /// <summary>The client sent more than the line limit without LF (<see cref="Lines.LineReadStatus.TooLong"/>): <c>500 line too long</c>, close.</summary>
    public LoginAction OnLineTooLong() => CloseOnEvent(ReplyCode.LineTooLong, "line too long");

    /// <summary>
    /// The service refuses this attempt (too many recent attempts from the address or for the name), typically instead of
    /// running a <see cref="VerifyPassword"/>, or at connect instead of <see cref="Start"/>:
    /// <c>421 too many attempts, try later</c>, and close. Closing, as FTP servers do with 421 (RFC 959 section 4.2: "closing
    /// control connection"), makes the client pay a new connection per batch of attempts.
    /// </summary>
    public LoginAction OnThrottled() => CloseOnEvent(ReplyCode.ServiceNotAvailable, "too many attempts, try later");

    /// <summary>The idle timeout passed without a line (the service keeps the clock): <c>421 idle timeout</c>, close.</summary>
    public LoginAction OnIdleTimeout() => CloseOnEvent(ReplyCode.ServiceNotAvailable, "idle timeout");

    /// <summary>
    /// The service's deadline to reach 230 passed (it keeps the clock), whatever the client sent meanwhile:
    /// <c>421 login timeout</c>, close. Only before 230.
    /// </summary>
    public LoginAction OnLoginTimeout()
    {
        if (State is not (LoginState.ExpectUser or LoginState.ExpectPass))
        {
            throw WrongState();
        }

        return Close(ReplyCode.ServiceNotAvailable, "login timeout");
    }

    private static SendReply Reply(ReplyCode code, string text) => new(code, text, ThenClose: false);

    private SendReply CloseOnEvent(ReplyCode code, string text)
    {
        if (State == LoginState.Closed)
        {
            throw WrongState();
        }

        return Close(code, text);
    }

    private SendReply Close(ReplyCode code, string text)
    {
        State = LoginState.Closed;
        return new SendReply(code, text, ThenClose: true);
    }

    private void RequireState(LoginState expected)
    {
        if (State != expected)
        {
            throw WrongState();
        }
    }

    private InvalidOperationException WrongState() => new($"The login session cannot take this event in state {State}.");
}
