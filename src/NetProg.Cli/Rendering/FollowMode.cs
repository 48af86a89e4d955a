namespace NetProg.Cli.Rendering;

/// <summary>How <c>--follow</c> shows the bytes: text, a hex dump, or whichever suits the bytes (the default).</summary>
internal enum FollowMode
{
    Off,
    Auto,
    Text,
    Hex,
}
