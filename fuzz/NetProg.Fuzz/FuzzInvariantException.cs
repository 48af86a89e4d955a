namespace NetProg.Fuzz;

/// <summary>
/// A target found a result that breaks the contract of the code under test (not an exception of its own): reported to
/// afl-fuzz as a crash like any other uncaught exception, so the input lands in <c>crashes/</c>.
/// </summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception with the broken rule in plain words.</summary>
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message (the rule is then unknown; prefer the other constructors).</summary>
    public FuzzInvariantException()
        : base("A fuzz target invariant failed.")
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed it.</summary>
    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(message);
        }
    }
}
