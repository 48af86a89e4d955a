namespace NetProg.Transport.Tests.Support;

/// <summary>Byte-for-byte comparison with a short message (xunit would print megabytes).</summary>
internal static class BytesAssert
{
    public static void Equal(byte[] expected, byte[]? actual)
    {
        Assert.NotNull(actual);
        Equal(expected.AsSpan(), actual.AsSpan());
    }

    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        var common = Math.Min(expected.Length, actual.Length);
        var mismatch = expected[..common].CommonPrefixLength(actual[..common]);
        if (mismatch < common)
        {
            Assert.Fail($"bytes differ at offset {mismatch}: expected 0x{expected[mismatch]:x2}, got 0x{actual[mismatch]:x2} ({expected.Length} expected, {actual.Length} received)");
        }

        Assert.True(expected.Length == actual.Length, $"expected {expected.Length} bytes, received {actual.Length} (the first {common} match)");
    }

    /// <summary>What was received must be the beginning of what was sent: nothing altered, nothing invented.</summary>
    public static void IsPrefix(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> received)
    {
        Assert.True(received.Length <= sent.Length, $"received {received.Length} bytes, more than the {sent.Length} sent");
        Equal(sent[..received.Length], received);
    }
}
