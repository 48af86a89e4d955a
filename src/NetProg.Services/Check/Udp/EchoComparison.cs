namespace NetProg.Services.Check.Udp;

/// <summary>Compares an echo's reply with what was sent, byte by byte, and names the difference (pure: no sockets).</summary>
public static class EchoComparison
{
    public static EchoMismatch Compare(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received)
    {
        if (received.SequenceEqual(sent))
        {
            return new EchoMismatch(EchoMismatchKind.Same, 0);
        }

        if (received.Length < sent.Length && sent.StartsWith(received))
        {
            // Cut exactly where the datagram holds a NUL: strlen() counted the bytes, not recvfrom().
            var kind = sent[received.Length] == 0 ? EchoMismatchKind.CutAtNul : EchoMismatchKind.Truncated;
            return new EchoMismatch(kind, received.Length);
        }

        if (received.Length > sent.Length && received.StartsWith(sent))
        {
            return new EchoMismatch(EchoMismatchKind.ExtraTail, sent.Length);
        }

        return new EchoMismatch(EchoMismatchKind.Different, sent.CommonPrefixLength(received));
    }
}
