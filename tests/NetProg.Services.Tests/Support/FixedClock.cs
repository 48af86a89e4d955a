namespace NetProg.Services.Tests.Support;

/// <summary>A clock stopped at one instant, in a fixed zone: the server's reply is then known to the byte.</summary>
internal sealed class FixedClock(DateTimeOffset utcNow, TimeZoneInfo zone) : TimeProvider
{
    /// <summary>A "+09:00" zone with no DST rules, as the course's machines in Seoul have.</summary>
    public static readonly TimeZoneInfo PlusNine = TimeZoneInfo.CreateCustomTimeZone("Test+09:00", TimeSpan.FromHours(9), "Test +09:00", "Test +09:00");

    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow() => utcNow;
}
