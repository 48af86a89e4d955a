namespace NetProg.Fuzz;

/// <summary>
/// One fuzz target: a named entry point that feeds arbitrary bytes to one parser or state machine and throws when the
/// code under test throws or breaks one of the invariants the target checks. Implementations are found by reflection
/// (<see cref="FuzzTargets"/>), so a new target is one class here plus a seed folder <c>fuzz/corpus/&lt;Name&gt;/</c>.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The target's name on the command line and the name of its seed folder under <c>fuzz/corpus/</c>.</summary>
    string Name { get; }

    /// <summary>One line: the code this target drives and what it checks.</summary>
    string Description { get; }

    /// <summary>Runs one input. Must be deterministic and bounded in time and memory for any input.</summary>
    /// <exception cref="FuzzInvariantException">The code under test returned something it promises never to return.</exception>
    void Run(ReadOnlySpan<byte> input);
}
