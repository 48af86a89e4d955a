using NetProg.Cli.Rendering;

namespace NetProg.Cli.Commands;

/// <summary>The capture command line, parsed.</summary>
internal sealed record CaptureRequest(
    string? Interface,
    int? Port,
    string? Filter,
    int? Count,
    TimeSpan? Duration,
    string? Write,
    string? Read,
    FollowMode Follow,
    string? Flow);
