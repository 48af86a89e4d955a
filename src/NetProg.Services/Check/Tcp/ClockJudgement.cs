namespace NetProg.Services.Check.Tcp;

/// <summary>
/// Pure reading of a measured offset (server minus this machine) and its uncertainty: in step, a time-zone mistake (a
/// non-zero multiple of 15 minutes, at most 14 hours, the widest UTC offset in use), or a wrong clock.
/// </summary>
public readonly record struct ClockJudgement(ClockFinding Finding, TimeSpan Zone)
{
    /// <summary>"A few seconds": what is allowed beyond the uncertainty of the measurement.</summary>
    public static readonly TimeSpan Allowance = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ZoneStep = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan WidestZone = TimeSpan.FromHours(14);

    public static ClockJudgement Of(TimeSpan offset, TimeSpan uncertainty)
    {
        var tolerance = uncertainty.Duration() + Allowance;
        if (offset.Duration() <= tolerance)
        {
            return new ClockJudgement(ClockFinding.InStep, TimeSpan.Zero);
        }

        var zone = TimeSpan.FromTicks((long)Math.Round((double)offset.Ticks / ZoneStep.Ticks) * ZoneStep.Ticks);
        return zone != TimeSpan.Zero && zone.Duration() <= WidestZone && (offset - zone).Duration() <= tolerance
            ? new ClockJudgement(ClockFinding.TimeZone, zone)
            : new ClockJudgement(ClockFinding.WrongClock, TimeSpan.Zero);
    }
}
