namespace NetProg.Services.Check.Clients;

/// <summary>One check of a client: it plays one server (or none, for refused), runs the client once against it and judges.</summary>
internal interface IClientCheck
{
    string Id { get; }

    /// <summary>Never throws for anything the client does: what it did is the verdict. The client is stopped before it returns.</summary>
    Task<CheckResult> RunAsync(ClientCheckContext context, CancellationToken cancellationToken);
}
