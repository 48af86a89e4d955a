namespace NetProg.Services.Check;

/// <summary>A program to start: what came after <c>--</c> (the file already resolved on PATH by the CLI).</summary>
public sealed record ProgramCommand(string FileName, IReadOnlyList<string> Arguments);
