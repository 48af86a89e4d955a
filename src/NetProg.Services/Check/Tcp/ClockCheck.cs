using NetProg.Services.Clients;
using NetProg.Transport;
using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>clock</c>: the server's time against this machine's, measured by netprog's own time client (<see cref="TimeClient"/>:
/// Cristian's estimate, the uncertainty half the window in which the server stamped the time plus half the reply's
/// resolution). Off by whole hours is a time-zone bug (localtime() labelled as UTC, gmtime() printed as local time, or a
/// different TZ); off by more than a few seconds otherwise is a wrong clock.
/// </summary>
internal sealed class ClockCheck : TcpCheck
{
    public override string Id => CheckIds.Clock;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var address = EndPointText.Normalize(context.EndPoint.Address);
        TimeQueryResult result;
        try
        {
            result = await TimeClient.QueryAsync(address.ToString(), context.EndPoint.Port, CheckKinds.IsUdp(context.Kind), context.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WrongServiceException)
        {
            return CheckResult.Skip(Id, TcpServerText.Clock_NoTime);
        }
        catch (NetworkException e)
        {
            return CheckResult.Skip(Id, Text(TcpServerText.Clock_NoTime_Error, e.Message));
        }

        if (result.ClockOffset is not { } offset)
        {
            return CheckResult.Skip(Id, TcpServerText.Clock_NoTime);
        }

        var uncertainty = ServerChecker.Seconds(result.OffsetUncertainty);
        var judgement = ClockJudgement.Of(offset, result.OffsetUncertainty);
        var observed = judgement.Finding == ClockFinding.InStep
            ? Text(TcpServerText.Clock_InStep, offset.TotalSeconds.ToString("+0.0;-0.0;0.0", CultureInfo.CurrentCulture) + " s", uncertainty)
            : Text(offset > TimeSpan.Zero ? TcpServerText.Clock_Ahead : TcpServerText.Clock_Behind, Duration(offset.Duration()), uncertainty);
        if (!result.Reply.ZoneKnown)
        {
            observed += TcpServerText.Clock_Note_NoZone;
        }

        var zone = Zone(judgement.Zone);
        return judgement.Finding switch
        {
            ClockFinding.InStep => Pass(observed),
            ClockFinding.TimeZone when result.Reply.ZoneKnown => Fail(observed, Text(TcpServerText.Clock_Cause_ZoneLabelled, zone), TcpServerText.Clock_Fix_ZoneLabelled),
            ClockFinding.TimeZone when ServerChecker.IsThisMachine(address) => Fail(observed, Text(TcpServerText.Clock_Cause_ZoneLocal, zone), TcpServerText.Clock_Fix_ZoneLocal),
            ClockFinding.TimeZone => Warn(observed, Text(TcpServerText.Clock_Cause_ZoneRemote, zone), TcpServerText.Clock_Fix_ZoneRemote),
            _ => Warn(observed, TcpServerText.Clock_Cause_Wrong, TcpServerText.Clock_Fix_Wrong),
        };
    }

    /// <summary>"1 min 30 s", "9 h 0 min 0 s".</summary>
    private static string Duration(TimeSpan value)
    {
        var whole = TimeSpan.FromSeconds(Math.Round(value.TotalSeconds));
        if (value < TimeSpan.FromMinutes(1))
        {
            return ServerChecker.Seconds(value);
        }

        return value < TimeSpan.FromHours(1)
            ? Text(TcpServerText.Duration_Minutes, whole.Minutes, whole.Seconds)
            : Text(TcpServerText.Duration_Hours, (int)whole.TotalHours, whole.Minutes, whole.Seconds);
    }

    /// <summary>A zone's difference with its sign: "+9 h", "-5 h 30 min".</summary>
    private static string Zone(TimeSpan zone)
    {
        var sign = zone < TimeSpan.Zero ? "-" : "+";
        var size = zone.Duration();
        return size.Minutes == 0
            ? Text(TcpServerText.Zone_Hours, sign, (int)size.TotalHours)
            : Text(TcpServerText.Zone_HoursMinutes, sign, (int)size.TotalHours, size.Minutes);
    }
}
