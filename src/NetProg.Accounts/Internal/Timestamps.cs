namespace NetProg.Accounts.Internal;

/// <summary>
/// Account times are kept to the millisecond in UTC: PostgreSQL stores microseconds and SQLite stores our text, so truncating
/// before writing makes a time read back equal to the one written, in both backends.
/// </summary>
internal static class Timestamps
{
    /// <summary>ISO 8601, which SQLite's own date functions read, and which sorts as text in time order.</summary>
    public const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static string ToSqlite(DateTimeOffset time) => time.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public static bool TryParseSqlite(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, SqliteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
