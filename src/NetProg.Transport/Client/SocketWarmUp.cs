namespace NetProg.Transport.Client;

/// <summary>
/// Runs one TCP connect and one UDP exchange over loopback before a measurement, so that a measured round trip is the
/// network's and not the runtime's first-use cost (JIT of the async socket paths, start of the socket engine's thread).
/// Measured on this project's machines: a first loopback time query took 17.7 ms over TCP and 6 ms over UDP, the second
/// 0.5 ms. Only loopback traffic; any failure is ignored (the measurement is then merely pessimistic).
/// </summary>
public static class SocketWarmUp
{
    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));

            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var accepting = listener.AcceptAsync(timeout.Token);
            await client.ConnectAsync(listener.LocalEndPoint!, timeout.Token).ConfigureAwait(false);
            using (await accepting.ConfigureAwait(false))
            {
            }

            using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            await sender.ConnectAsync(receiver.LocalEndPoint!, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[1];
            var receiving = receiver.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            await sender.SendAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
        }
    }
}
