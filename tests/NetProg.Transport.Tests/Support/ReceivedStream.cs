namespace NetProg.Transport.Tests.Support;

/// <summary>Everything a client read until the stream ended, and how it ended: FIN (EOF) or RST.</summary>
internal sealed record ReceivedStream(byte[] Data, bool WasReset);
