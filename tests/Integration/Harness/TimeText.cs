namespace NetProg.Integration.Tests.Harness;

/// <summary>The time texts the programs under test print, and a check that one shows the current time.</summary>
public static partial class TimeText
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(2);

    /// <summary><c>ctime()</c> without its newline: <c>Tue Nov 24 19:52:49 2026</c> (day of month padded with a space).</summary>
    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3]\d \d\d:\d\d:\d\d \d{4}$")]
    public static partial Regex Ctime();

    /// <summary>xinetd's RFC 867 daytime text without its CRLF: <c>24 NOV 2026 19:52:49 UTC</c> (src/builtins.c).</summary>
    [GeneratedRegex(@"^\d\d (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) \d{4} \d\d:\d\d:\d\d [A-Za-z0-9+\-]+$")]
    public static partial Regex XinetdDaytime();

    /// <summary>
    /// Asserts that <paramref name="text"/> is a time in one of the forms the programs use (ctime, xinetd daytime,
    /// ISO 8601 / RFC 1123 or anything <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>
    /// reads) and is within two minutes of now. A text without a zone may be local time or UTC.
    /// </summary>
    public static void AssertIsNow(string text, string context)
    {
        List<DateTimeOffset> candidates = Parse(text.Trim());
        Assert.True(candidates.Count > 0, $"'{text}' is not a time text netprog's tests know ({context})");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.True(
            candidates.Any(t => (t - now).Duration() <= Tolerance),
            $"'{text}' is not within {Tolerance.TotalMinutes} minutes of now ({now:u}) ({context})");
    }

    private static List<DateTimeOffset> Parse(string text)
    {
        List<DateTimeOffset> results = ParseWhole(text);
        if (results.Count == 0)
        {
            // A decoded time may come with words around it ("... (RFC 868)"): look for a known form inside.
            foreach (Match embedded in EmbeddedTime().Matches(text))
            {
                results.AddRange(ParseWhole(embedded.Value));
            }
        }

        return results;
    }

    private static List<DateTimeOffset> ParseWhole(string text)
    {
        var results = new List<DateTimeOffset>();
        CultureInfo invariant = CultureInfo.InvariantCulture;

        // ctime: "Tue Nov 24 19:52:49 2026" (no zone: local or UTC).
        string squeezed = Regex.Replace(text, " +", " ");
        if (DateTime.TryParseExact(squeezed, "ddd MMM d HH:mm:ss yyyy", invariant, DateTimeStyles.None, out DateTime ctime))
        {
            AddUnzoned(results, ctime);
        }

        // xinetd daytime: "24 NOV 2026 19:52:49 UTC".
        Match daytime = Regex.Match(text, @"^(\d\d [A-Z]{3} \d{4} \d\d:\d\d:\d\d) (\S+)$");
        if (daytime.Success &&
            DateTime.TryParseExact(daytime.Groups[1].Value, "dd MMM yyyy HH:mm:ss", invariant, DateTimeStyles.None, out DateTime xinetd))
        {
            AddUnzoned(results, xinetd);
        }

        // ISO 8601, RFC 1123, "2026-11-24 19:52:49 UTC" (DateTimeOffset does not read a trailing zone name).
        string zoned = Regex.Replace(text, @"\s*\b(UTC|GMT)$", "Z");
        if (DateTimeOffset.TryParse(zoned, invariant, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            results.Add(parsed);
            if (!Regex.IsMatch(zoned, @"(Z|[+-]\d\d:?\d\d)\s*$", RegexOptions.IgnoreCase))
            {
                AddUnzoned(results, parsed.DateTime);
            }
        }

        return results;
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?( ?(Z|UTC|[+-]\d\d:?\d\d))?|(Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (\d\d? )?[A-Z][a-z]{2}( +\d\d?)? (\d{4} )?\d\d:\d\d:\d\d( \d{4})?( (GMT|UTC))?")]
    private static partial Regex EmbeddedTime();

    private static void AddUnzoned(List<DateTimeOffset> results, DateTime value)
    {
        results.Add(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)));
        results.Add(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Local)));
    }
}
