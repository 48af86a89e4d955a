namespace NetProg.Integration.Tests;

/// <summary>
/// A server restarted on the same port right after serving must bind again: the time server closes first, so its side of
/// each connection sits in TIME_WAIT for a minute; SO_REUSEADDR (and only that) lets the new listener bind over it
/// (socket(7), SO_REUSEADDR).
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Should_bind_the_same_port_again_When_restarted_while_connections_are_in_TIME_WAIT()
    {
        // Given a time server that has served a client, leaving TIME_WAIT behind, and is stopped
        int port;
        using (NetProgServer first = await NetProgApp.StartServerAsync("time-server", "--port", "0", "--bind", "127.0.0.1"))
        {
            port = first.Sockets[0].Port;
            using ChildProcess client = NetProgApp.Start("time-client", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, await client.WaitForExitAsync(Waits.Exit));
            await first.Process.SendSignalAsync(UnixSignal.Term);
            Assert.Equal(0, await first.Process.WaitForExitAsync(Waits.Exit));
        }

        // When it starts again on that port
        using NetProgServer second = await NetProgApp.StartServerAsync("time-server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1");

        // Then it listens there
        Assert.Equal(port, second.Sockets[0].Port);
    }
}
