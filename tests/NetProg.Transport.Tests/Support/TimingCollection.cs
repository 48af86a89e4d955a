namespace NetProg.Transport.Tests.Support;

/// <summary>
/// Tests whose verdict depends on wall-clock timing (idle timeouts, rate limits, "does not complete within"): run alone, after the
/// parallel ones, so that 1,000-client tests on the same 2 cores cannot delay a heartbeat or a timer into a false failure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing-sensitive";
}
