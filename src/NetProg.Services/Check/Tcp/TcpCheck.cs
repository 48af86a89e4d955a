namespace NetProg.Services.Check.Tcp;

/// <summary>
/// What every check of this family shares: a connection that cannot be made any more (the server exited during the
/// checks, its backlog is full) is one finding, said the same way everywhere.
/// </summary>
internal abstract class TcpCheck : IServerCheck
{
    public abstract string Id { get; }

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException e)
        {
            return Fail(e.Message, TcpServerText.Gone_Cause, TcpServerText.Gone_Fix);
        }
    }

    protected abstract Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken);

    protected static Task<TcpProbe> ConnectAsync(ServerCheckContext context, int limit, CancellationToken cancellationToken, bool slowReader = false) =>
        TcpProbe.ConnectAsync(context.EndPoint, context.Timeout, limit, cancellationToken, slowReader);

    protected CheckResult Pass(string observed) => CheckResult.Pass(Id, observed);

    protected CheckResult Warn(string observed, string cause, string fix) => CheckResult.Warn(Id, observed, cause, fix);

    protected CheckResult Fail(string observed, string cause, string fix) => CheckResult.Fail(Id, observed, cause, fix);
}
