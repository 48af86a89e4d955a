namespace NetProg.Protocols.Time;

/// <summary>What <see cref="TimeReplyParser"/> recognised in a server's reply.</summary>
public enum TimeReplyKind
{
    /// <summary>C <c>ctime()</c> text (also FreeBSD inetd's <c>"%.24s\r\n"</c>); the clock time has no zone.</summary>
    Ctime,
    /// <summary>ISO 8601 date-time, with or without a zone.</summary>
    Iso8601,
    /// <summary>The 4 binary bytes of RFC 868.</summary>
    Rfc868,
    /// <summary>xinetd's RFC 867 daytime line, <c>"24 NOV 2026 19:52:49 UTC"</c>.</summary>
    Rfc867Daytime,
    /// <summary>Anything else: RFC 867 allows any free-form text, so this is shown but not interpreted.</summary>
    Text,
    /// <summary>Nothing but NULs and whitespace.</summary>
    Empty,
}
