namespace NetProg.Services.Check.Login;

/// <summary>One login with the transcript: how it went, and what was seen, in the user's language, for a report line.</summary>
internal sealed record LoginAttempt(LoginOutcome Outcome, string Observed)
{
    public bool LoggedIn => Outcome == LoginOutcome.LoggedIn;
}
