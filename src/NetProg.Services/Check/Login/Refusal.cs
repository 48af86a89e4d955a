namespace NetProg.Services.Check.Login;

/// <summary>
/// A login meant to be refused: the connection (still open, the caller disposes it; null when none was made), the first
/// reply after the password, or the step before it that went otherwise (<see cref="Failure"/>, described in <see cref="Broken"/>).
/// </summary>
internal sealed record Refusal(LoginConnection? Connection, ReplyWait? Reply, StepFailure? Failure, string? Broken);
