using System.Runtime.CompilerServices;

namespace NetProg.Tests.Shared;

/// <summary>
/// Raises the thread pool's minimum before any test runs. Measured here (2 cores, VSTest + xunit 2): with the default minimum
/// of 2 worker threads, a 10 ms PeriodicTimer in the first test of a fresh test host stalled for ~950 ms about 200 ms in, with
/// work items pending and no code of ours running: the host blocks pool threads while it starts up. That stall is longer
/// than the idle timeouts and deadlines the tests measure, so it would fail them for reasons outside the code under test.
/// With a minimum of 16 the same probe never stalled longer than the timer period.
/// </summary>
internal static class ThreadPoolFloor
{
#pragma warning disable CA2255 // A test assembly is the one kind of library that owns its process: the test host.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var floor = Math.Max(16, 4 * Environment.ProcessorCount);
        ThreadPool.SetMinThreads(Math.Max(workers, floor), Math.Max(completionPorts, floor));
    }
}
