using System.Net;
using System.Net.Sockets;

namespace NetProg.Cli.Commands;

/// <summary>
/// Catches a mistyped address before it becomes a DNS query: <c>999.1.1.1</c> or <c>192.168.1</c> would otherwise go to the
/// resolver as a name and come back as "unknown host" (or, through inet_aton's legacy forms, <c>1.2.3</c> would silently
/// mean 1.2.0.3).
/// </summary>
internal static class HostSyntax
{
    /// <summary>Null when <paramref name="text"/> is a dotted-quad IPv4 address, an IPv6 address or a plausible host name.</summary>
    public static string? Check(string text)
    {
        if (text.Length == 0)
        {
            return Strings.Host_Empty;
        }

        // A mistyped option (--bogus, -x): System.CommandLine hands a token it does not know to the next free argument. No
        // host name starts with '-' (RFC 952, RFC 1123 2.1), so saying "option" is safe, and it beats "unknown host".
        if (text.StartsWith('-'))
        {
            return string.Format(Strings.Host_LooksLikeOption, text);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            return string.Format(Strings.Host_Url, text);
        }

        if (text.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var parts = text.Split('.');
            return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255)
                ? null
                : string.Format(Strings.Host_InvalidIpv4, text);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            var inner = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
            return IPAddress.TryParse(inner, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
                ? null
                : string.Format(Strings.Host_InvalidIpv6, text);
        }

        // RFC 1123 host names: letters, digits, hyphens and dots (underscores are seen in the wild), at most 253 characters.
        return text.Length <= 253 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')
            ? null
            : string.Format(Strings.Host_InvalidName, text);
    }
}
