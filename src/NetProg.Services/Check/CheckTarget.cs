namespace NetProg.Services.Check;

/// <summary>One line of a <c>--targets</c> file: a server and the name to show for it (a student's, a team's).</summary>
public sealed record CheckTarget(string Host, int Port, string? Label, int LineNumber);
