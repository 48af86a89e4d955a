namespace NetProg.Diagnostics.Sockets;

/// <summary>A socket and how it changed since the previous refresh.</summary>
public sealed record SocketRow(SocketEntry Entry, SocketChange Change);
