namespace NetProg.Services.Bench;

/// <summary>
/// The bytes a connection sends: message <c>m</c> is <c>Size</c> bytes of a per-connection random block starting at offset
/// <c>m mod 251</c>, so consecutive messages differ and a lost, repeated or shifted message shows up as mismatched bytes.
/// </summary>
internal sealed class BenchPattern
{
    private const int Offsets = 251;
    private readonly byte[] _block;

    public BenchPattern(int size, int seed)
    {
        Size = size;
        _block = new byte[size + Offsets];
        new Random(seed).NextBytes(_block);
    }

    public int Size { get; }

    public ReadOnlyMemory<byte> Message(long index) => _block.AsMemory((int)(index % Offsets), Size);

    /// <summary>Bytes of <paramref name="received"/> that differ from message <paramref name="index"/> from <paramref name="offset"/> on.</summary>
    public long CountMismatches(long index, int offset, ReadOnlySpan<byte> received)
    {
        var expected = _block.AsSpan((int)(index % Offsets) + offset, received.Length);
        if (received.SequenceEqual(expected))
        {
            return 0;
        }

        return CountDifferent(expected, received);
    }

    /// <summary>The slow path, taken only once a chunk already differs.</summary>
    public static long CountDifferent(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received)
    {
        long different = 0;
        for (var i = 0; i < received.Length; i++)
        {
            if (expected[i] != received[i])
            {
                different++;
            }
        }

        return different;
    }
}
