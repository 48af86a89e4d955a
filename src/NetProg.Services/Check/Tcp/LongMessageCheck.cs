using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>long-message</c>: lines of 200, 1,000 and 10,000 bytes, each on a connection of its own, must come back whole. The
/// course's programs use 128-byte buffers: a server that reads a line into one and drops the rest returns 127 or 128
/// bytes; one that takes a single recv() returns at most its buffer. Stops at the first line that does not come back.
/// </summary>
internal sealed class LongMessageCheck : TcpCheck
{
    private static readonly int[] Lengths = [200, 1_000, 10_000];

    public override string Id => CheckIds.LongMessage;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var whole = new List<string>();
        foreach (var length in Lengths)
        {
            var line = EchoPayloads.Line(length);
            var (echo, stop) = await RoundTripAsync(context, line, cancellationToken).ConfigureAwait(false);
            var shape = EchoComparison.Of(line, echo).Shape;
            if (shape == EchoShape.Exact)
            {
                whole.Add(Bytes(length));
                continue;
            }

            var observed = Text(TcpServerText.Echo_SentLine, Bytes(length), EchoOutcome.Describe(line, echo, stop, context.Timeout));
            if (whole.Count > 0)
            {
                observed += Text(TcpServerText.Long_Shorter, string.Join(", ", whole));
            }

            // 127 bytes and a '\n' (a line read into char buf[128]) or 128 bytes (recv(sock, buf, 128, 0) once).
            if (echo.Length is 127 or 128 && shape != EchoShape.Extra)
            {
                return Fail(observed, Text(TcpServerText.Long_Cause_Buffer, Bytes(echo.Length)), TcpServerText.Long_Fix);
            }

            return shape switch
            {
                EchoShape.Short when stop is ReadStop.Closed or ReadStop.Reset => Fail(observed, TcpServerText.Echo_Cause_OneRecv, TcpServerText.Long_Fix),
                EchoShape.Short => Fail(observed, Text(TcpServerText.Long_Cause_Cut, Bytes(echo.Length)), TcpServerText.Long_Fix),
                _ => Fail(observed, TcpServerText.Corrupt_Cause, TcpServerText.Corrupt_Fix),
            };
        }

        return Pass(Text(TcpServerText.Long_Pass, Bytes(Lengths[0]), Bytes(Lengths[1]), Bytes(Lengths[2])));
    }

    /// <summary>
    /// One line over a connection of its own, closed before the next line's. A method of its own: CA2000 reports a <c>using</c>
    /// declaration in a loop body that passes the object on as undisposed (dotnet/roslyn-analyzers#7510).
    /// </summary>
    private static async Task<(byte[] Echo, ReadStop Stop)> RoundTripAsync(ServerCheckContext context, byte[] line, CancellationToken cancellationToken)
    {
        using var probe = await ConnectAsync(context, line.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
        return await EchoExchange.RoundTripAsync(probe, line, context.Timeout, cancellationToken).ConfigureAwait(false);
    }
}
