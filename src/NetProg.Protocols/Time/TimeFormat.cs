namespace NetProg.Protocols.Time;

/// <summary>What a time server writes on the wire.</summary>
public enum TimeFormat
{
    /// <summary>C's <c>ctime()</c> text, <c>"Tue Nov 24 19:52:49 2026\n"</c>: what the course's C servers send. Carries no zone.</summary>
    Ctime,
    /// <summary>ISO 8601 / RFC 3339 text with microseconds and a numeric offset, <c>"2026-11-24T19:52:49.123456+09:00\r\n"</c>.</summary>
    Iso8601,
    /// <summary>RFC 868 Time Protocol: 4 bytes, big-endian seconds since 1900-01-01 00:00 UTC, wrapping every 2^32 s.</summary>
    Rfc868,
}
