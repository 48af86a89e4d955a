namespace NetProg.Services.Check.Clients;

/// <summary>Checks a client program: netprog plays a deliberately awkward but RFC-correct server for each check.</summary>
public static class ClientChecker
{
    public static Task<CheckReport> RunAsync(ClientCheckRequest request, CancellationToken cancellationToken)
    {
        var checks = CheckIds.For(request.Kind).Where(request.Options.Wants).Select(id => CheckResult.Skip(id, CheckText.Skip_NotBuilt)).ToList();
        return Task.FromResult(new CheckReport(request.Program.FileName, request.Kind, checks, request.Label));
    }
}
