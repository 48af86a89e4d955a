namespace NetProg.Protocols.Time;

/// <summary>
/// The English names C's <c>asctime()</c> prints. ISO C (C11 7.27.3.1) fixes them in the algorithm itself, independent of
/// <c>setlocale()</c>, so they must not come from <see cref="System.Globalization.CultureInfo"/>.
/// </summary>
internal static class CtimeNames
{
    // Index = (int)DayOfWeek, Sunday first, as C's tm_wday.
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    // Index = month - 1, as C's tm_mon.
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static string Day(DayOfWeek day) => Days[(int)day];

    public static string Month(int month) => Months[month - 1];

    /// <summary>Whether <paramref name="token"/> is a 3-letter day name, in any ASCII case.</summary>
    public static bool IsDay(ReadOnlySpan<byte> token) => IndexOf(Days, token) >= 0;

    /// <summary>The month (1-12) named by a 3-letter token in any ASCII case (xinetd prints <c>NOV</c>), or 0.</summary>
    public static int ParseMonth(ReadOnlySpan<byte> token) => IndexOf(Months, token) + 1;

    private static int IndexOf(string[] names, ReadOnlySpan<byte> token)
    {
        if (token.Length != 3)
        {
            return -1;
        }

        for (int i = 0; i < names.Length; i++)
        {
            if (AsciiText.EqualsIgnoreCase(token, names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
