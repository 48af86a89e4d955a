namespace NetProg.Cli.Completion;

/// <summary>An option as a shell sees it: every spelling, whether a value follows it, and the values to offer (none: file names).</summary>
internal sealed record CompletionOption(IReadOnlyList<string> Names, bool TakesValue, IReadOnlyList<string> Values);
