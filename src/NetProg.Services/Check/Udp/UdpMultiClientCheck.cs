namespace NetProg.Services.Check.Udp;

/// <summary>
/// <c>udp-multi-client</c>: two clients on different ports send interleaved, A then B, then B then A, and each gets its
/// own replies. One UDP socket serves every client because each recvfrom() says who sent that datagram; a server that
/// keeps the first client's address (or connect()s its socket to it) sends everybody's replies there. An echo's replies
/// tell by their bytes whose they are; a time server's by how many each client got.
/// </summary>
internal sealed class UdpMultiClientCheck : IServerCheck
{
    private const int Rounds = 3;

    public string Id => CheckIds.UdpMultiClient;

    public async Task<CheckResult> RunAsync(ServerCheckContext context, CancellationToken cancellationToken)
    {
        var echo = context.Kind == CheckKind.UdpEchoServer;
        using var a = UdpPeer.Open(context.EndPoint);
        using var b = UdpPeer.Open(context.EndPoint);
        var clients = new[] { new Client(a, 'A', echo), new Client(b, 'B', echo) };
        for (var round = 1; round <= Rounds; round++)
        {
            var order = round % 2 == 1 ? clients : [clients[1], clients[0]];
            foreach (var client in order)
            {
                client.Next(round);
            }

            // Sent back to back, then both wait; the one still without its reply sends again once, at half the timeout.
            for (var transmission = 1; transmission <= 2; transmission++)
            {
                foreach (var client in order.Where(c => !c.Answered))
                {
                    if (await client.Peer.SendAsync(client.Request, cancellationToken).ConfigureAwait(false) is { } error)
                    {
                        return CheckResult.Fail(Id, UdpFindings.Format(UdpServerText.Error_Observed, UdpFindings.Describe(client.Request), error), UdpServerText.Error_Cause, UdpServerText.Error_Fix);
                    }

                    client.Sent++;
                }

                await Task.WhenAll(clients.Select(c => c.CollectAsync(clients, context.Timeout / 2, cancellationToken))).ConfigureAwait(false);
                if (clients.All(c => c.Answered))
                {
                    break;
                }
            }

            if (clients.FirstOrDefault(c => c.Flooded) is { } flooded)
            {
                return UdpFindings.Flood(Id, UdpFindings.Describe(flooded.Request));
            }

            if (clients.FirstOrDefault(c => c.Crossed is not null) is { } crossed)
            {
                var owner = crossed.Crossed!.Value;
                return CheckResult.Fail(
                    Id,
                    UdpFindings.Format(UdpServerText.Multi_Crossed, a.Local.Port, b.Local.Port, owner.From.Peer.Local.Port, UdpFindings.Describe(owner.Request), crossed.Peer.Local.Port),
                    UdpServerText.Multi_Crossed_Cause,
                    UdpServerText.Silent_FirstClient_Fix);
            }

            if (clients.All(c => !c.Answered))
            {
                var observed = UdpFindings.Format(UdpServerText.Multi_BothSilent, a.Local.Port, b.Local.Port, UdpFindings.Describe(clients[0].Request), ServerChecker.Seconds(context.Timeout));
                return UdpFindings.Silent(Id, context, observed);
            }

            if (clients.FirstOrDefault(c => !c.Answered) is { } silent)
            {
                return OneSilent(context, clients, silent);
            }
        }

        return CheckResult.Pass(Id, UdpFindings.Format(UdpServerText.Multi_Pass, a.Local.Port, b.Local.Port, Rounds));
    }

    private CheckResult OneSilent(ServerCheckContext context, Client[] clients, Client silent)
    {
        var other = clients[0] == silent ? clients[1] : clients[0];
        var (a, b) = (clients[0].Peer.Local.Port, clients[1].Peer.Local.Port);
        if (!context.ServerAlive())
        {
            var observed = UdpFindings.Format(UdpServerText.Multi_OneSilent, a, b, silent.Peer.Local.Port, UdpFindings.Describe(silent.Request), other.Peer.Local.Port);
            return CheckResult.Fail(Id, observed, UdpServerText.Silent_Exited_Cause, UdpServerText.Silent_Exited_Fix);
        }

        // A time server's replies carry no name: more replies at the other client than it sent datagrams are the silent one's.
        var extra = other.Peer.DrainQueued(UdpPeer.MaxDatagrams).Count;
        var replies = other.Replies + extra;
        if (!other.Echo && replies > other.Sent)
        {
            return CheckResult.Fail(
                Id,
                UdpFindings.Format(UdpServerText.Multi_CrossedCount, a, b, silent.Peer.Local.Port, UdpFindings.Describe(silent.Request), other.Peer.Local.Port, replies, other.Sent),
                UdpServerText.Multi_Crossed_Cause,
                UdpServerText.Silent_FirstClient_Fix);
        }

        return CheckResult.Fail(
            Id,
            UdpFindings.Format(UdpServerText.Multi_OneSilent, a, b, silent.Peer.Local.Port, UdpFindings.Describe(silent.Request), other.Peer.Local.Port),
            UdpServerText.Multi_OneSilent_Cause,
            UdpServerText.Silent_FirstClient_Fix);
    }

    /// <summary>One of the two clients: its socket, its current request, and what came to it.</summary>
    private sealed class Client(UdpPeer peer, char name, bool echo)
    {
        private readonly List<byte[]> _requests = [];
        private int _skipped;

        public UdpPeer Peer { get; } = peer;

        public bool Echo { get; } = echo;

        public byte[] Request { get; private set; } = [];

        public bool Answered { get; private set; }

        public bool Flooded { get; private set; }

        /// <summary>The other client's request whose reply came here, if one did.</summary>
        public (Client From, byte[] Request)? Crossed { get; private set; }

        /// <summary>Datagrams sent, retransmissions included.</summary>
        public int Sent { get; set; }

        /// <summary>Replies received (for a time server, where they cannot be told apart).</summary>
        public int Replies { get; private set; }

        public void Next(int round)
        {
            Request = UdpPayloads.Text($"M{name}{round} netprog udp-multi-client\n");
            _requests.Add(Request);
            Answered = false;
        }

        /// <summary>Reads what comes to this client until its reply is there, at most <paramref name="wait"/>.</summary>
        public async Task CollectAsync(Client[] clients, TimeSpan wait, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            while (!Answered && !Flooded)
            {
                var datagram = await Peer.ReceiveAsync(wait - Stopwatch.GetElapsedTime(start), cancellationToken).ConfigureAwait(false);
                if (datagram is null)
                {
                    return;
                }

                Take(datagram.Data, clients);
            }
        }

        private void Take(byte[] data, Client[] clients)
        {
            if (!Echo || data.AsSpan().SequenceEqual(Request))
            {
                Replies++;
                Answered = true;
                return;
            }

            var foreign = clients.Where(c => c != this)
                .SelectMany(c => c._requests.Select(r => (Client: c, Request: r)))
                .FirstOrDefault(o => data.AsSpan().SequenceEqual(o.Request));
            if (foreign.Client is not null)
            {
                Crossed ??= foreign;
            }
            else if (!_requests.Any(r => data.AsSpan().SequenceEqual(r)))
            {
                // Other bytes than any request: the content is the other checks' business; here it is this client's reply.
                Replies++;
                Answered = true;
                return;
            }

            // A reply to the other client, or a late one to an earlier request of this one: bounded, a flood otherwise.
            if (++_skipped > UdpPeer.MaxDatagrams)
            {
                Flooded = true;
            }
        }
    }
}
