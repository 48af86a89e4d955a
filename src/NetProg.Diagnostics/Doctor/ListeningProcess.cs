namespace NetProg.Diagnostics.Doctor;

/// <summary>A process that holds the port on this machine; <paramref name="Name"/> is null where the OS does not tell.</summary>
public sealed record ListeningProcess(int ProcessId, string? Name);
