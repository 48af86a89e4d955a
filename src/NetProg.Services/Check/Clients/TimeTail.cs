namespace NetProg.Services.Check.Clients;

/// <summary>
/// What a time client printed past the time text: whether the NUL the server sent came out too, and the bytes that
/// the server never sent (empty when there are none).
/// </summary>
internal sealed record TimeTail(bool NulPrinted, byte[] Garbage)
{
    public bool HasGarbage => Garbage.Length > 0;
}
