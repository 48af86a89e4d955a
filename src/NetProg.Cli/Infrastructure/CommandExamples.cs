namespace NetProg.Cli.Infrastructure;

/// <summary>
/// The Examples section of each help page, by command path (<see cref="CommandPath.Words"/>): command lines a student can
/// copy, in the course's setting (port 30000, a lab machine at 192.168.0.10). A test keeps every command listed.
/// </summary>
internal static class CommandExamples
{
    private static readonly Dictionary<string, string[]> ByCommand = new(StringComparer.Ordinal)
    {
        [""] = ["netprog lab", "netprog time-client 192.168.0.10 30000"],
        ["lab"] = ["netprog lab", "netprog lab --port 40000 --bind 127.0.0.1"],
        ["time-server"] = ["netprog time-server --port 30000", "netprog time-server --port 30000 --udp --format iso8601"],
        ["time-client"] = ["netprog time-client 192.168.0.10 30000", "netprog time-client 192.168.0.10 30000 --udp"],
        ["echo-server"] = ["netprog echo-server --port 30001 --both", "netprog echo-server --port 30002 --login"],
        ["echo-client"] = ["netprog echo-client 192.168.0.10 30001", "netprog echo-client 192.168.0.10 30002 --user alice"],
        ["users"] = ["netprog users add alice", "netprog users list"],
        ["users add"] = ["netprog users add alice", "netprog users add alice --db accounts.db"],
        ["users remove"] = ["netprog users remove alice"],
        ["users list"] = ["netprog users list", "netprog users list --db accounts.db"],
        ["users passwd"] = ["netprog users passwd alice"],
        ["doctor"] = ["netprog doctor 192.168.0.10 30000", "netprog doctor 192.168.0.10 30000 --udp"],
        ["ip"] = ["netprog ip", "netprog ip --json"],
        ["route"] = ["netprog route", "netprog route --json"],
        ["sockets"] = ["netprog sockets -tl", "netprog sockets --port 30000 --watch"],
        ["forward"] = ["netprog forward --listen 30000 --to 192.168.56.101", "netprog forward --listen 40000-40010 --to 10.0.2.15:30000-30010 --both"],
        ["capture"] = ["netprog capture --port 30000", "netprog capture --read exchange.pcap --follow text"],
        ["bench"] = ["netprog bench echo 127.0.0.1 30001 -c 100", "netprog bench time 127.0.0.1 30000 -c 16"],
        ["bench echo"] = ["netprog bench echo 127.0.0.1 30001 -c 100 --duration 10s"],
        ["bench udp-echo"] = ["netprog bench udp-echo 127.0.0.1 30001 -c 8 --pipeline 4"],
        ["bench time"] = ["netprog bench time 127.0.0.1 30000 -c 16"],
        ["completion"] = ["source <(netprog completion bash)", "netprog completion pwsh | Out-String | Invoke-Expression"],
    };

    public static IReadOnlyList<string> For(string commandWords) => ByCommand.TryGetValue(commandWords, out var lines) ? lines : [];
}
