namespace NetProg.Services.Check;

/// <summary>What one check concluded. The JSON spells them <c>pass</c>, <c>warn</c>, <c>fail</c>, <c>skip</c>.</summary>
public enum CheckVerdict
{
    /// <summary>The program did what a correct one does.</summary>
    Pass,

    /// <summary>It works, but in a way that breaks elsewhere (another machine, another client, a longer line).</summary>
    Warn,

    /// <summary>A bug: what came back is wrong, or nothing came back.</summary>
    Fail,

    /// <summary>Not run, and why (e.g. it needs the program to run on this machine).</summary>
    Skip,
}
