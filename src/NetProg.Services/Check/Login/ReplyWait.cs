namespace NetProg.Services.Check.Login;

/// <summary>
/// What came while waiting for a reply: the line taken (<see cref="Line"/>, with its LF, or a prompt without one) or
/// none, the last lines passed over before it (at most three), and how the wait ended when nothing matched.
/// </summary>
internal sealed record ReplyWait(byte[]? Line, IReadOnlyList<byte[]> PassedOver, ReceiveEnd End)
{
    public bool Matched => Line is not null;
}
