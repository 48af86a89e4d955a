using System.Text.Json.Serialization;
using NetProg.Diagnostics.Doctor;

namespace NetProg.Cli.Rendering;

/// <summary>The compile-time JSON metadata for <c>doctor --json</c>; options are set by <see cref="DoctorJson"/>.</summary>
[JsonSerializable(typeof(DoctorReport))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;
