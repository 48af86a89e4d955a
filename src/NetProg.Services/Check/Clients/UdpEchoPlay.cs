namespace NetProg.Services.Check.Clients;

/// <summary>The UDP echo test server (RFC 862): every datagram goes back whole to its sender, the first one held back with <see cref="EchoStyle.Held"/>.</summary>
internal sealed class UdpEchoPlay(EchoStyle style, int expected, ClientRun client) : EchoPlay(style, expected, client)
{
    /// <summary>Answered at most: a client that floods is cut off here.</summary>
    private const int MaxDatagrams = 256;

    public int Datagrams { get; private set; }

    /// <summary>Echoes <paramref name="first"/> and every datagram after it until the client exits, stops sending for the timeout, or the check ends.</summary>
    public async Task RunAsync(UdpPlayServer server, UdpDatagram first, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            for (var datagram = first; datagram is not null && Datagrams < MaxDatagrams && Received < MaxEchoBytes;
                 datagram = await server.ReceiveAsync(Client, timeout, cancellationToken).ConfigureAwait(false))
            {
                NoteReceived(datagram.Data);
                Datagrams++;
                if (Style == EchoStyle.Held && Datagrams == 1)
                {
                    await HoldAsync(cancellationToken).ConfigureAwait(false);
                }

                await server.SendAsync(datagram.Data, datagram.From, cancellationToken).ConfigureAwait(false);
                NoteEchoed(datagram.Data.Length);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
