using NetProg.Capture.Decoding;

namespace NetProg.Capture.Flows;

/// <summary>One TCP conversation: both sides and how far the connection got.</summary>
internal sealed class TcpConversation(int id, Endpoint first, Endpoint second)
{
    public int Id { get; } = id;

    public TcpSide A { get; } = new(first);

    public TcpSide B { get; } = new(second);

    /// <summary>The side that sent the first SYN; until a SYN is seen, guessed: the higher port is the client's ephemeral one.</summary>
    public TcpSide? Client { get; set; }

    public TcpState State { get; set; } = TcpState.Unknown;

    public (TcpSide Sender, TcpSide Receiver) Sides(Endpoint source) =>
        A.Endpoint == source ? (A, B) : (B, A);

    public PeerRole RoleOf(TcpSide side)
    {
        if (Client is null)
        {
            // Capture started mid-connection: servers listen on the lower port (30000, 80) and clients get ephemeral ones.
            Client = (A.Endpoint.Port ?? 0) > (B.Endpoint.Port ?? 0) ? A : B;
        }

        return side == Client ? PeerRole.Client : PeerRole.Server;
    }
}
