namespace NetProg.Diagnostics.Doctor;

/// <summary>What to examine. <see cref="Port"/> null: only the name and the path to the host are checked.</summary>
public sealed record DoctorRequest(string Host, int? Port, bool Udp, TimeSpan Timeout)
{
    /// <summary>How the user runs netprog (<c>./netprog</c> from a clone), for the commands the advice tells them to type. Default <c>netprog</c>.</summary>
    public string Program { get; init; } = "netprog";
}
