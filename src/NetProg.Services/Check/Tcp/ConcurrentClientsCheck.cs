using static NetProg.Services.Check.Tcp.TcpFormat;

namespace NetProg.Services.Check.Tcp;

/// <summary>
/// <c>concurrent-clients</c>: while a first client is connected and silent, a second one must be served. An iterative
/// server sits in the first client's recv() loop and accept()s the second only when the first leaves; the check then
/// closes the first to tell "one client at a time" (the second is served now) from "serves nobody". A time server sends
/// to the first client at once and closes, so an iterative time server passes, as it should.
/// </summary>
internal sealed class ConcurrentClientsCheck : TcpCheck
{
    private static readonly byte[] Message = "the second client\n"u8.ToArray();

    public override string Id => CheckIds.ConcurrentClients;

    protected override async Task<CheckResult> CheckAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var echo = context.Kind == CheckKind.EchoServer;
        var first = await ConnectAsync(context, EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
        try
        {
            using var second = await ConnectAsync(context, Message.Length + EchoExchange.Slack, cancellationToken).ConfigureAwait(false);
            if (echo)
            {
                await second.SendAsync(Message, context.Timeout, cancellationToken).ConfigureAwait(false);
            }

            var stop = await ReadReplyAsync(second, echo, context.Timeout, cancellationToken).ConfigureAwait(false);
            if (Served(second, echo))
            {
                return Pass(Text(TcpServerText.Concurrent_Pass, BytePreview.Of(second.Received)));
            }

            first.Dispose();
            stop = await ReadReplyAsync(second, echo, context.Timeout, cancellationToken).ConfigureAwait(false);
            var waited = ServerChecker.Seconds(context.Timeout);
            if (Served(second, echo))
            {
                return Fail(Text(TcpServerText.Concurrent_Observed_Iterative, waited), TcpServerText.Concurrent_Cause, TcpServerText.Concurrent_Fix);
            }

            var got = echo
                ? EchoOutcome.Describe(Message, second.Received, stop, context.Timeout)
                : Text(TcpServerText.Echo_Nothing, EchoOutcome.End(stop, 0, context.Timeout));
            return Fail(Text(TcpServerText.Concurrent_Observed_None, waited, got), TcpServerText.Concurrent_Cause_None, TcpServerText.Concurrent_Fix_None);
        }
        finally
        {
            first.Dispose();
        }
    }

    /// <summary>An echo server's reply is the whole line; a time server's is its first byte (time-format judges the rest).</summary>
    private static Task<ReadStop> ReadReplyAsync(TcpProbe probe, bool echo, TimeSpan timeout, CancellationToken cancellationToken) =>
        probe.ReadAsync(echo ? Message.Length : 1, timeout, cancellationToken);

    private static bool Served(TcpProbe probe, bool echo) =>
        echo ? EchoComparison.Of(Message, probe.Received).Shape == EchoShape.Exact : probe.Count > 0;
}
