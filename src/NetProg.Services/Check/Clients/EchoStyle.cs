namespace NetProg.Services.Check.Clients;

/// <summary>How the echo test server sends the echo of the client's first line back (all of them RFC 862: the bytes come back as they were).</summary>
internal enum EchoStyle
{
    /// <summary>Each piece as it arrives.</summary>
    Immediate,

    /// <summary>The first line in three pieces with pauses: TCP is a byte stream, a recv() gets what has arrived so far.</summary>
    Pieces,

    /// <summary>The first line's echo held back for a moment, as a slow or far server would.</summary>
    Held,
}
