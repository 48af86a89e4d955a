namespace NetProg.Services.Check.Local;

/// <summary>
/// A port as a program that forgot htons() binds it: sin_port holds the number in host order, and the kernel reads it
/// in network (big-endian) order (RFC 1700 "Data Notations", ip(7)), so on a little-endian machine the two bytes swap:
/// 30000 (0x7530) becomes 12405 (0x3075). On a big-endian machine htons() does nothing and the mistake cannot be seen.
/// </summary>
public static class PortBytes
{
    public static int Swap(int port) => ((port & 0xFF) << 8) | ((port >> 8) & 0xFF);

    /// <summary>The port the program listens on when it forgot htons() for <paramref name="port"/>; null when it is the same port.</summary>
    public static int? Forgotten(int port) => BitConverter.IsLittleEndian && Swap(port) != port && Swap(port) != 0 ? Swap(port) : null;
}
