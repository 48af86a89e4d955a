namespace NetProg.Services.Clients;

/// <summary>What a reply the client did not expect looks like: the service that probably sent it.</summary>
public enum ForeignReplyKind
{
    /// <summary>Nothing a course service sends.</summary>
    Unrecognised,

    /// <summary>No bytes: an empty datagram, or a connection closed before any byte.</summary>
    Empty,

    /// <summary>A time: ctime, ISO 8601, RFC 867 daytime or RFC 868 binary (what <c>TimeReplyParser</c> recognises).</summary>
    Time,

    /// <summary>The echo-with-login protocol's reply lines: the <c>220</c> greeting, <c>331</c>, <c>530 please log in</c>.</summary>
    LoginReply,

    /// <summary>The very bytes the client sent: an echo server.</summary>
    Echo,
}
