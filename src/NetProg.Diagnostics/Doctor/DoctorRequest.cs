namespace NetProg.Diagnostics.Doctor;

/// <summary>What to examine. <see cref="Port"/> null: only the name and the path to the host are checked.</summary>
public sealed record DoctorRequest(string Host, int? Port, bool Udp, TimeSpan Timeout);
