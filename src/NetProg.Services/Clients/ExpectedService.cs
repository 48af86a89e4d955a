namespace NetProg.Services.Clients;

/// <summary>The service a client (or a bench load) expected to reach.</summary>
public enum ExpectedService
{
    Echo,
    Time,
}
