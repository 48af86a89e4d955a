namespace NetProg.Services.Check.Tcp;

/// <summary>Numbers and sentences in the UI's culture (CultureInfo.CurrentCulture), as every message of netprog.</summary>
internal static class TcpFormat
{
    public static string Text(string format, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, format, arguments);

    /// <summary>A short time as people read it: "3 ms" below a second, "1.2 s" above.</summary>
    public static string Elapsed(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1) ? value.TotalMilliseconds.ToString("0", CultureInfo.CurrentCulture) + " ms" : ServerChecker.Seconds(value);

    /// <summary>A byte count as people read it here: 1,048,576 (1.048.576 in some languages).</summary>
    public static string Bytes(long count) => count.ToString("N0", CultureInfo.CurrentCulture);
}
