using System.Diagnostics;

namespace NetProg.Reliability.Tests.Support;

/// <summary>Well-behaved clients: connect, send, read every byte back, time each round trip.</summary>
public static class EchoTraffic
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<Socket> ConnectAsync(int port, IPAddress? address = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(Deadline);
            await socket.ConnectAsync(new IPEndPoint(address ?? IPAddress.Loopback, port), timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes; throws when the peer closes first or the deadline passes.</summary>
    public static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? Deadline);
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                throw new IOException($"the server closed after {read} of {buffer.Length} bytes");
            }

            read += n;
        }
    }

    /// <summary>
    /// <paramref name="clients"/> connections at once, each doing <paramref name="roundTrips"/> send-and-read-back exchanges of
    /// <paramref name="size"/> bytes, checking every byte; returns every round trip's duration in milliseconds.
    /// </summary>
    public static async Task<double[]> RoundTripsAsync(int port, int clients, int roundTrips, int size = 64)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var socket = await ConnectAsync(port);
            var payload = Payloads.Random(c, size);
            var echo = new byte[size];
            var times = new double[roundTrips];
            for (var i = 0; i < roundTrips; i++)
            {
                var clock = Stopwatch.StartNew();
                await socket.SendAsync(payload, SocketFlags.None);
                await ReceiveExactlyAsync(socket, echo);
                times[i] = clock.Elapsed.TotalMilliseconds;
                Assert.True(payload.AsSpan().SequenceEqual(echo), "an echo differs from what was sent");
            }

            return times;
        }));
        return [.. results.SelectMany(t => t)];
    }

    public static double Percentile(double[] values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
