using System.Text.Json.Serialization;

namespace NetProg.Cli.Rendering;

/// <summary>The compile-time JSON metadata for <c>check --json</c>; options are set by <see cref="CheckJson"/>.</summary>
[JsonSerializable(typeof(CheckJsonReport))]
[JsonSerializable(typeof(CheckJsonTargets))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
