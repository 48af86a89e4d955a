namespace NetProg.Services.Check;

/// <summary>
/// A client to check: netprog plays the server, once per check, and starts <see cref="Program"/> against it with
/// <c>{host}</c> and <c>{port}</c> in its arguments replaced by where that server listens.
/// </summary>
public sealed record ClientCheckRequest(CheckKind Kind, ProgramCommand Program)
{
    public CheckOptions Options { get; init; } = new();

    public string? Label { get; init; }

    /// <summary>The longest all checks of this client may take together; what is left over is skipped, saying so.</summary>
    public TimeSpan TargetBudget { get; init; } = TimeSpan.FromSeconds(30);
}
