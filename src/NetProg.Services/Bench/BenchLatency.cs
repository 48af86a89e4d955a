namespace NetProg.Services.Bench;

/// <summary>Round-trip (or connect-to-EOF) latency percentiles, from an HdrHistogram with 3 significant digits.</summary>
public sealed record BenchLatency(long Count, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan P999, TimeSpan Max, TimeSpan Mean);
