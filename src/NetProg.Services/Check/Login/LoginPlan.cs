using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>
/// How this target is logged in to: the transcript (the user's script or netprog's USER/PASS one), where it came from
/// for messages, and the account; or why the login checks cannot run (<see cref="SkipReason"/>).
/// </summary>
internal sealed class LoginPlan
{
    /// <summary>The long user name of <c>long-line</c>: far beyond any line buffer of a homework server (128 bytes).</summary>
    public const int LongUserLength = 10_000;

    private const string Wrong = "netprog-wrong-password";
    private const string Unknown = "nosuchuser";

    private LoginPlan(LoginScript? script, string source, string user, string password, string? skipReason)
    {
        Script = script;
        Source = source;
        User = user;
        Password = password;
        SkipReason = skipReason;
    }

    public LoginScript? Script { get; }

    /// <summary>The script's file name, or "netprog's USER/PASS transcript".</summary>
    public string Source { get; }

    public string User { get; }

    public string Password { get; }

    /// <summary>Why the checks are skipped (no script and no netprog greeting, a bad script), or null.</summary>
    public string? SkipReason { get; }

    /// <summary>A password that is not the account's.</summary>
    public string WrongPassword => Password == Wrong ? Wrong + "-2" : Wrong;

    /// <summary>A valid user name that is not the account's (letters only: any server's name syntax takes it).</summary>
    public string UnknownUser => User == Unknown ? Unknown + "x" : Unknown;

    public static LoginPlan Of(LoginScript script, string source, string user, string password) => new(script, source, user, password, null);

    public static LoginPlan Skipped(string why) => new(null, string.Empty, string.Empty, string.Empty, why);

    /// <summary>The transcript with these values (they are valid: the plan's own were bound once, the others hold no line end).</summary>
    public BoundLoginScript Bind(string user, string password) =>
        Script!.Bind(user, password).Script ?? throw new InvalidOperationException("a value the plan made does not bind");

    /// <summary>The transcript with the right account.</summary>
    public BoundLoginScript Right() => Bind(User, Password);
}
