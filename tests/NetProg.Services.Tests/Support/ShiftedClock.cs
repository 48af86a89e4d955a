namespace NetProg.Services.Tests.Support;

/// <summary>The real clock, shifted: a server whose clock is wrong by a known amount.</summary>
internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
