namespace NetProg.Services.Check.Clients;

/// <summary>
/// <c>refused</c>: the client is pointed at a port nothing listens on (one just closed). Over TCP its connect() gets
/// ECONNREFUSED at once; over UDP the datagram draws an ICMP port unreachable, which only a connect()ed UDP socket
/// hears (recv() fails with ECONNREFUSED, udp(7)) — an unconnected one waits for its receive timeout, or for ever. The
/// client must say so and exit non-zero within the timeout; a UDP client still waiting then is a WARN here (the missing
/// timeout itself is no-reply's FAIL).
/// </summary>
internal sealed class RefusedCheck : IClientCheck
{
    public string Id => CheckIds.Refused;

    public async Task<CheckResult> RunAsync(ClientCheckContext context, CancellationToken cancellationToken)
    {
        var port = ClosedPort.Pick(context.Udp);
        var wait = context.Timeout + ClientCheckContext.Grace;
        ClientOutcome outcome;
        // An echo client gets its line and the end of its input, as from `echo hello | ./client`; a time client no input.
        await using (var client = await context.StartWithLineAsync(port, endInput: true, cancellationToken).ConfigureAwait(false))
        {
            client.CloseStdin();
            await client.WaitForExitAsync(wait, cancellationToken).ConfigureAwait(false);
            outcome = await client.FinishAsync(wait).ConfigureAwait(false);
        }

        var where = $"{ClientCheckContext.Host}:{port.ToString(CultureInfo.InvariantCulture)}";
        var observed = ClientVerdicts.Observed(string.Format(CultureInfo.CurrentCulture, context.Udp ? ClientCheckText.Server_Refused_Udp : ClientCheckText.Server_Refused_Tcp, where), outcome.Describe());
        return ClientVerdicts.Crash(Id, observed, outcome)
            ?? ClientVerdicts.Binary(Id, observed, outcome)
            ?? (outcome.ExitedZero ? CheckResult.Fail(Id, observed, context.Udp ? ClientCheckText.Refused_Exit0_Udp_Cause : ClientCheckText.Refused_Exit0_Tcp_Cause, context.Udp ? ClientCheckText.Refused_Exit0_Udp_Fix : ClientCheckText.Refused_Exit0_Tcp_Fix) : null)
            ?? (!outcome.Exited && !context.Udp ? CheckResult.Fail(Id, observed, ClientCheckText.Refused_Hang_Tcp_Cause, ClientCheckText.Refused_Exit0_Tcp_Fix) : null)
            ?? (!outcome.Exited ? CheckResult.Warn(Id, observed, ClientCheckText.Refused_Hang_Udp_Cause, ClientCheckText.Refused_Hang_Udp_Fix) : null)
            ?? (outcome.Silent ? CheckResult.Warn(Id, observed, ClientCheckText.Refused_Silent_Cause, ClientCheckText.Refused_Silent_Fix) : null)
            ?? CheckResult.Pass(Id, observed);
    }
}
