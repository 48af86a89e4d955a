using NetProg.Diagnostics.Sockets;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>The <c>--watch</c> diff: new rows green, changed yellow, gone rows shown once more (as Sysinternals TCPView shows it).</summary>
public sealed class SocketDiffTests
{
    [Fact]
    public void Should_mark_added_removed_changed_and_unchanged_rows_in_display_order()
    {
        // Given a listener that stays, a connection that completes its handshake, one that closes, one that opens
        var listener = Sample.TcpListener(30000);
        var connecting = Sample.TcpConnection(51000, 30000, SocketStates.SynSent);
        var closing = Sample.TcpConnection(40000, 30000);
        var opened = Sample.TcpConnection(52000, 30000);
        var connected = connecting with { State = SocketStates.Established };

        // When two snapshots are compared
        var rows = SocketDiff.Compare([listener, connecting, closing], [listener, connected, opened]);

        // Then every row is there once, sorted by local port, with its change
        Assert.Equal(
            [
                new SocketRow(listener, SocketChange.Unchanged),
                new SocketRow(closing, SocketChange.Removed),
                new SocketRow(connected, SocketChange.Changed),
                new SocketRow(opened, SocketChange.Added),
            ],
            rows);
    }

    [Fact]
    public void Should_show_a_removed_row_for_one_refresh_only()
    {
        var gone = Sample.TcpListener(30001);
        var stays = Sample.TcpListener(30000);

        // When the watch loop passes each previous snapshot (not the previous rows)
        var first = SocketDiff.Compare([stays, gone], [stays]);
        var second = SocketDiff.Compare([stays], [stays]);

        Assert.Contains(new SocketRow(gone, SocketChange.Removed), first);
        Assert.Equal([new SocketRow(stays, SocketChange.Unchanged)], second);
    }

    [Fact]
    public void Should_treat_the_first_refresh_as_all_new()
    {
        var rows = SocketDiff.Compare([], [Sample.TcpListener(30000)]);

        Assert.Equal(SocketChange.Added, Assert.Single(rows).Change);
    }
}
