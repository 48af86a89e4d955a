namespace NetProg.Tests.Shared;

/// <summary>Seeded random data and random ways to cut it, so that a failure can be replayed exactly.</summary>
public static class Payloads
{
    public static byte[] Random(int seed, int size)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>
    /// Cuts <paramref name="total"/> bytes into chunks: about a third tiny (1 to 16 bytes, to split headers and segments
    /// anywhere), the rest up to 64 KiB.
    /// </summary>
    public static IReadOnlyList<int> Splits(Random random, int total)
    {
        var sizes = new List<int>();
        var left = total;
        while (left > 0)
        {
            var size = random.Next(3) == 0 ? random.Next(1, 17) : random.Next(1, 64 * 1024 + 1);
            size = Math.Min(size, left);
            sizes.Add(size);
            left -= size;
        }

        return sizes;
    }
}
