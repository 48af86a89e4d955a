namespace NetProg.Cli.Rendering;

/// <summary>The lab's three ports: time, echo, echo with login.</summary>
internal readonly record struct LabPorts(int Time, int Echo, int Login);
