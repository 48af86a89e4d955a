namespace NetProg.Protocols.Time;

/// <summary>What one of the text parsers read: the instant, whether the text named its zone, and its precision.</summary>
internal readonly record struct ParsedTime(DateTimeOffset Time, bool ZoneKnown, TimeSpan Resolution);
