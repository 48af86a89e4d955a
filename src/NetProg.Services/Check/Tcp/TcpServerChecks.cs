namespace NetProg.Services.Check.Tcp;

/// <summary>
/// The checks of this family that apply to a kind of server: the time checks (over UDP too for a UDP time server) and
/// the TCP echo checks.
/// </summary>
public static class TcpServerChecks
{
    public static IReadOnlyList<IServerCheck> For(CheckKind kind) => kind switch
    {
        CheckKind.TimeServer => [new TimeFormatCheck(), new ClockCheck(), new ClosesAfterReplyCheck(), new ConcurrentClientsCheck()],
        CheckKind.UdpTimeServer => [new TimeFormatCheck(), new ClockCheck()],
        CheckKind.EchoServer =>
        [
            new ConcurrentClientsCheck(), new FragmentedInputCheck(), new LongMessageCheck(), new BinaryDataCheck(),
            new StaleBytesCheck(), new BulkCheck(), new HalfCloseCheck(), new AbruptCloseCheck(),
        ],
        _ => [],
    };
}
