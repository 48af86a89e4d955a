namespace NetProg.Tests.Shared;

/// <summary>Everything a client read until the stream ended, and how it ended: FIN (EOF) or RST.</summary>
public sealed record ReceivedStream(byte[] Data, bool WasReset);
