namespace NetProg.Cli.Completion;

/// <summary>
/// One command of the tree: its path from the root (<c>""</c> for <c>netprog</c> itself, <c>"users add"</c>), its
/// subcommands, the fixed values of its arguments (e.g. <c>bench echo|udp-echo|time</c>) and its options.
/// </summary>
internal sealed record CompletionCommandNode(
    string Path,
    IReadOnlyList<string> Subcommands,
    IReadOnlyList<string> ArgumentValues,
    IReadOnlyList<CompletionOption> Options);
