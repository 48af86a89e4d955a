using NetProg.Diagnostics.Sockets;
using NetProg.Services.Check.Login;

namespace NetProg.Services.Check;

/// <summary>
/// What server to check and how. With <see cref="Program"/> netprog starts it, finds where it listens and stops it at
/// the end; <see cref="Port"/> is then only the port expected (the hint for <c>port-byte-order</c>).
/// </summary>
public sealed record ServerCheckRequest(CheckKind Kind, string Host, int Port)
{
    public CheckOptions Options { get; init; } = new();

    /// <summary>The server to start, or null for one already running.</summary>
    public ProgramCommand? Program { get; init; }

    /// <summary>The name a <c>--targets</c> line gave the server, for the summary table.</summary>
    public string? Label { get; init; }

    /// <summary>The sockets of this machine; a test may pass its own. Default: <see cref="SocketTables.ForCurrentOs"/>.</summary>
    public ISocketTable? Sockets { get; init; }

    /// <summary>
    /// For a <c>login-server</c>: the <c>--script</c> transcript and the account (<c>--user</c>, <c>--password-stdin</c>).
    /// Null: only a server with netprog's own greeting is logged in to, and only with an account given.
    /// </summary>
    public LoginCheckSettings? Login { get; init; }

    /// <summary>The longest all checks of this target may take together; what is left over is skipped, saying so.</summary>
    public TimeSpan TargetBudget { get; init; } = TimeSpan.FromSeconds(30);
}
