using NetProg.Protocols.Ports;

namespace NetProg.Cli.Commands;

/// <summary>
/// Catches a mistyped address before it becomes a DNS query: <c>999.1.1.1</c> or <c>192.168.1</c> would otherwise go to the
/// resolver as a name and come back as "unknown host" (or, through inet_aton's legacy forms, <c>1.2.3</c> would silently
/// mean 1.2.0.3).
/// </summary>
internal static class HostSyntax
{
    /// <summary>
    /// Splits what a person typed as HOST: <c>HOST:PORT</c> and <c>[v6]:PORT</c> (the URL habit, RFC 3986 section 3.2.2)
    /// carry a port; a bare IPv6 address (<c>::1</c>, <c>fe80::1</c>: more than one colon) is an address and never split.
    /// </summary>
    /// <returns>The host and port, and the one-line error when the text is no valid host (then the host is the text).</returns>
    public static (HostArgument Value, string? Error) Split(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return (new HostArgument(text, null), Check(text));
        }

        string host = text;
        string? portText = null;
        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is var close and > 0 && close < text.Length - 1)
        {
            if (text[close + 1] != ':')
            {
                return (new HostArgument(text, null), string.Format(Strings.Host_InvalidIpv6, text));
            }

            host = text[1..close];
            portText = text[(close + 2)..];
        }
        else if (text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && colon == text.LastIndexOf(':') && !text.StartsWith('['))
        {
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (portText is null)
        {
            return (new HostArgument(text, null), Check(text));
        }

        if (!PortSyntax.TryParsePort(portText, allowZero: false, out var port, out _))
        {
            return (new HostArgument(host, null), string.Format(Strings.Host_InvalidPortSuffix, text, portText));
        }

        if (host.Length == 0)
        {
            return (new HostArgument(host, port), Strings.Host_Empty);
        }

        return (new HostArgument(host, port), Check(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host));
    }

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
