namespace NetProg.Cli.Infrastructure;

/// <summary>
/// Makes .NET's socket engine run socket continuations on its own thread instead of queueing each to the thread pool,
/// for commands whose work per completed read or write is a few microseconds and never blocks (<c>forward</c>'s relays,
/// <c>bench</c>'s load): the hop through the pool's queue was most of a 64-byte round trip's cost for both
/// (docs/BENCHMARKS.md, "Forwarding"; step 25 of bench/history/2026-11-steps-1-27.md). The runtime reads
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c> once, when the process's first socket is made: call this before
/// any socket. Such a command must keep slow work (log writes, the console) off those continuations.
/// </summary>
internal static class InlineSocketCompletions
{
    public static void Enable() => Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}
