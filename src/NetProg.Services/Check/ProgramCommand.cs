namespace NetProg.Services.Check;

/// <summary>A program to start: what came after <c>--</c>, the file already resolved on PATH by the CLI.</summary>
public sealed record ProgramCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The program as the user typed it (<c>./echo_server</c>), for the report; default the resolved file.</summary>
    public string? Typed { get; init; }

    /// <summary>The command line to show: the program as typed and its arguments.</summary>
    public string Text => string.Join(' ', new[] { Typed ?? FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@{}+,".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
