namespace NetProg.Services.Check;

/// <summary>What kind of program is checked: the first argument of <c>netprog check</c> (see <see cref="CheckKinds"/>).</summary>
public enum CheckKind
{
    TimeServer,
    UdpTimeServer,
    EchoServer,
    UdpEchoServer,
    LoginServer,
    TimeClient,
    UdpTimeClient,
    EchoClient,
    UdpEchoClient,
}
