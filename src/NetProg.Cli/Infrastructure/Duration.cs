namespace NetProg.Cli.Infrastructure;

/// <summary>
/// Time values as ncat and tcpkali take them: <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, fractions allowed; a bare number is
/// seconds ("Options taking a time assume seconds", ncat --help; ncat(1)).
/// </summary>
internal static class Duration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var span = text.AsSpan().Trim();
        var unitStart = span.Length;
        while (unitStart > 0 && char.IsAsciiLetter(span[unitStart - 1]))
        {
            unitStart--;
        }

        if (!double.TryParse(span[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number < 0 || double.IsInfinity(number))
        {
            return false;
        }

        double? seconds = span[unitStart..].ToString().ToLowerInvariant() switch
        {
            "" or "s" => number,
            "ms" => number / 1000,
            "m" => number * 60,
            "h" => number * 3600,
            _ => null,
        };
        if (seconds is not { } s || s > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(s);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds >= 60 && value.TotalSeconds % 60 == 0 ? $"{value.TotalMinutes:0}m" : $"{value.TotalSeconds:0.###}s";
}
