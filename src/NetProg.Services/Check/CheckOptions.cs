using NetProg.Diagnostics.Doctor;

namespace NetProg.Services.Check;

/// <summary>How to check: the longest single wait, and which checks to run (null: all of the kind).</summary>
public sealed record CheckOptions
{
    /// <summary>The longest any single wait for the program lasts (a reply, a connection, an exit). Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Ids from <see cref="CheckIds"/>; null runs every check of the kind. The others are left out of the report.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>
    /// The doctor's finding and fix in the UI language's words, for <c>reachable</c> to quote when the server cannot be
    /// reached: the CLI passes its renderer, the one place the doctor's sentences are made. Null (a caller without one):
    /// the finding is quoted by its stable names, the port's state and the finding's id.
    /// </summary>
    public Func<DoctorCheck, (string Finding, string? Advice)>? DoctorWords { get; init; }

    public bool Wants(string id) => Only is null || Only.Contains(id);
}
