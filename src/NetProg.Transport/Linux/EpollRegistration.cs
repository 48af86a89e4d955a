namespace NetProg.Transport.Linux;

/// <summary>A slot of an <see cref="EpollLoop"/>'s table: the target and the token its events carry.</summary>
internal sealed record EpollRegistration(IEpollTarget Target, ulong Token);
