namespace NetProg.Services.Bench;

/// <summary>A once-a-second view of a run in progress, for the live line.</summary>
/// <param name="WarmingUp">True while the warm-up runs (nothing is counted yet).</param>
/// <param name="Elapsed">Time since the start of the current phase.</param>
/// <param name="Operations">Round trips (connections, datagrams) counted so far.</param>
/// <param name="RatePerSecond">Operations in the last interval, per second.</param>
/// <param name="Errors">Errors of every kind counted so far.</param>
/// <param name="OpenConnections">Connections (sockets) open now.</param>
public sealed record BenchProgress(bool WarmingUp, TimeSpan Elapsed, long Operations, double RatePerSecond, long Errors, int OpenConnections);
