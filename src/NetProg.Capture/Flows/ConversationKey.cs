using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>A conversation's identity: protocol and both endpoints, the same whichever way a packet goes.</summary>
internal readonly record struct ConversationKey(TransportKind Transport, string Low, string High)
{
    public static ConversationKey Of(TransportKind transport, Endpoint a, Endpoint b)
    {
        var x = a.ToString();
        var y = b.ToString();
        return string.CompareOrdinal(x, y) <= 0 ? new(transport, x, y) : new(transport, y, x);
    }
}
