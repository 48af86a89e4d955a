using NetProg.Transport;

namespace NetProg.Services.Clients;

/// <summary>
/// The server answered, but not as the expected service does: a time server reached by the echo client, an echo server by
/// the time client, the echo server with login without <c>--user</c>. Thrown instead of "no reply" or a silent success.
/// </summary>
public sealed class WrongServiceException(ExpectedService expected, ForeignReply reply, IPEndPoint server, TransportProtocol protocol)
    : Exception($"{EndPointText.Format(server, protocol)} answered as no {expected.ToString().ToLowerInvariant()} server does: '{reply.Text}' ({reply.Kind})")
{
    public ExpectedService Expected { get; } = expected;

    public ForeignReply Reply { get; } = reply;

    public IPEndPoint Server { get; } = server;

    public TransportProtocol Protocol { get; } = protocol;

    /// <summary>How many bytes the request that got this reply had.</summary>
    public int RequestBytes { get; init; }

    /// <summary>For a TCP time server that sent nothing (<see cref="ForeignReplyKind.Empty"/>): how long it stayed silent.</summary>
    public TimeSpan Silence { get; init; }
}
