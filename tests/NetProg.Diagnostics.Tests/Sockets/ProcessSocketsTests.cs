using System.Net;
using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>Joining table rows to the /proc/[pid]/fd scan, and when an owner counts as hidden (as psutil does, giampaolo/psutil#1219).</summary>
public sealed class ProcessSocketsTests
{
    private static readonly KernelSocket Owned = Row(10);
    private static readonly KernelSocket Unmatched = Row(11);
    private static readonly KernelSocket TimeWait = Row(0);

    [Fact]
    public void Should_fill_in_the_owner_of_a_matched_inode()
    {
        var scan = new ProcessSockets(new Dictionary<ulong, PortOwner> { [10] = new(42, "python3") }, Complete: true);

        var entry = Assert.Single(scan.Join([Owned]));

        Assert.Equal(42, entry.ProcessId);
        Assert.Equal("python3", entry.ProcessName);
        Assert.False(entry.OwnerHidden);
    }

    [Fact]
    public void Should_mark_unmatched_sockets_hidden_when_some_processes_were_unreadable()
    {
        // Given a scan that hit EACCES on another user's /proc/[pid]/fd
        var scan = new ProcessSockets(new Dictionary<ulong, PortOwner>(), Complete: false);

        // When rows are joined
        var entries = scan.Join([Unmatched, TimeWait]);

        // Then the socket with an inode is "needs admin", the TIME_WAIT one simply has no owner
        Assert.True(entries[0].OwnerHidden);
        Assert.Null(entries[0].ProcessId);
        Assert.False(entries[1].OwnerHidden);
    }

    [Fact]
    public void Should_not_call_anything_hidden_after_a_complete_scan()
    {
        var scan = new ProcessSockets(new Dictionary<ulong, PortOwner>(), Complete: true);

        Assert.All(scan.Join([Unmatched, TimeWait]), e => Assert.False(e.OwnerHidden));
    }

    [Fact]
    public void Should_not_fail_when_proc_is_missing()
    {
        // Given a folder with no /proc layout (a chroot), When it is scanned, Then nothing is found and nothing throws
        var missing = Path.Combine(Path.GetTempPath(), "netprog-no-proc-" + Guid.NewGuid().ToString("N"));

        Assert.Empty(ProcFdScanner.Scan(missing, TimeSpan.FromSeconds(1)).OwnerByInode);
        Assert.Empty(new LinuxSocketTable(missing, LinuxSocketSource.ProcNet).Snapshot());

        // Through netlink the kernel still lists its sockets, but no process can be seen holding them
        Assert.All(new LinuxSocketTable(missing).Snapshot(), e => Assert.Null(e.ProcessId));
    }

    private static KernelSocket Row(ulong inode) =>
        new(new SocketEntry(PortProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 30000), null, SocketStates.Listen, null, null, false), inode);
}
