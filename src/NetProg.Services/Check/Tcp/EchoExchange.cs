namespace NetProg.Services.Check.Tcp;

/// <summary>One message sent and its echo read back on a probe.</summary>
internal static class EchoExchange
{
    /// <summary>Room for more than was sent: the old tail or garbage a wrong echo adds is kept to be shown.</summary>
    public const int Slack = 64 * 1024;

    /// <summary>How long to wait for bytes beyond the echo, where extra bytes are the bug looked for.</summary>
    public static readonly TimeSpan ExtraGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Sends <paramref name="message"/> and reads until as many bytes came back, the server closed or reset, or nothing came
    /// for the timeout; then, with a <paramref name="grace"/>, whatever else comes. Returns the echo of this message.
    /// </summary>
    public static async Task<(byte[] Echo, ReadStop Stop)> RoundTripAsync(
        TcpProbe probe, byte[] message, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan grace = default)
    {
        var start = probe.Count;
        await probe.SendAsync(message, timeout, cancellationToken).ConfigureAwait(false);
        var stop = await probe.ReadAsync(start + message.Length, timeout, cancellationToken).ConfigureAwait(false);
        if (stop == ReadStop.Enough && grace > TimeSpan.Zero)
        {
            var more = await probe.ReadMoreAsync(grace, cancellationToken).ConfigureAwait(false);
            stop = more == ReadStop.Idle ? ReadStop.Enough : more;
        }

        return (probe.Received[start..].ToArray(), stop);
    }
}
