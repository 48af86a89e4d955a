using NetProg.Diagnostics.Sockets;
using NetProg.Diagnostics.Sockets.Internal;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>The port-owner query over the Linux table's /proc fallback, run over a fake /proc tree built from the captured samples.</summary>
public sealed class ProcNetPortOwnersTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("netprog-proc-").FullName;

    public ProcNetPortOwnersTests()
    {
        Directory.CreateDirectory(Path.Combine(_proc, "net"));
        foreach (var table in new[] { "tcp", "tcp6", "udp", "udp6" })
        {
            File.WriteAllText(Path.Combine(_proc, "net", table), TestData.Read($"proc-net-{table}.txt"));
        }

        // The captured python3 process (pid 3430) held fds 3..9 = inodes 9962..9968 (TestData/README.md).
        AddProcess(3430, "python3", ["/dev/null", "socket:[9962]", "socket:[9963]", "socket:[9964]", "socket:[9966]", "socket:[9967]", "socket:[9968]"]);

        // A forked child sharing the [::]:30000 listener, without a readable comm.
        AddProcess(3500, comm: null, ["pipe:[9850]", "socket:[9963]"]);

        // Unrelated entries: another process, and non-pid directories such as /proc/sys.
        AddProcess(12, "sshd", ["socket:[1048]", "anon_inode:[eventpoll]"]);
        Directory.CreateDirectory(Path.Combine(_proc, "sys"));
    }

    [Fact]
    public void Should_find_every_process_holding_the_listening_inodes_v4_and_v6()
    {
        var owners = Table(_proc).FindOwners(PortProtocol.Tcp, 30000);

        Assert.Equal([new PortOwner(3430, "python3"), new PortOwner(3500, null)], owners);
    }

    [Fact]
    public void Should_look_in_udp_tables_for_udp()
    {
        Assert.Equal([new PortOwner(3430, "python3")], Table(_proc).FindOwners(PortProtocol.Udp, 30002));
        Assert.Equal([new PortOwner(12, "sshd")], Table(_proc).FindOwners(PortProtocol.Tcp, 2024));
    }

    [Fact]
    public void Should_answer_unknown_when_no_socket_is_on_the_port_or_proc_is_missing()
    {
        Assert.Empty(Table(_proc).FindOwners(PortProtocol.Tcp, 31000));
        Assert.Empty(Table(Path.Combine(_proc, "missing")).FindOwners(PortProtocol.Tcp, 30000));
    }

    [Fact]
    public void Should_list_a_shared_socket_once_with_its_first_holder_in_the_table()
    {
        // The table has one row per socket (as ss shows one line with its users): the [::]:30000 listener held by 3430 and
        // 3500 is one row owned by 3430, the other holder kept beside it.
        var row = Assert.Single(Table(_proc).Snapshot(), e => e.Local.Port == 30000 && e.Family == System.Net.Sockets.AddressFamily.InterNetworkV6);

        Assert.Equal(3430, row.ProcessId);
        Assert.Equal([new PortOwner(3500, null)], row.SharedWith);
    }

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    private static LinuxSocketTable Table(string proc) => new(proc, LinuxSocketSource.ProcNet);

    private void AddProcess(int pid, string? comm, string[] fdTargets)
    {
        var directory = Path.Combine(_proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var fd = Directory.CreateDirectory(Path.Combine(directory, "fd")).FullName;
        for (var i = 0; i < fdTargets.Length; i++)
        {
            // Dangling symbolic links, like the kernel's "socket:[inode]" magic links, readable with readlink(2).
            File.CreateSymbolicLink(Path.Combine(fd, (i + 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), fdTargets[i]);
        }

        if (comm is not null)
        {
            File.WriteAllText(Path.Combine(directory, "comm"), comm + "\n");
        }
    }
}
