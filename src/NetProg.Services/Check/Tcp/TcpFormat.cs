using System.Globalization;

namespace NetProg.Services.Check.Tcp;

/// <summary>Numbers and sentences in the UI's culture (CultureInfo.CurrentCulture), as every message of netprog.</summary>
internal static class TcpFormat
{
    public static string Text(string format, params object?[] arguments) => string.Format(CultureInfo.CurrentCulture, format, arguments);

    /// <summary>A byte count as people read it here: 1,048,576 (1.048.576 in some languages).</summary>
    public static string Bytes(long count) => count.ToString("N0", CultureInfo.CurrentCulture);
}
