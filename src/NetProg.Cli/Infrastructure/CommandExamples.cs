namespace NetProg.Cli.Infrastructure;

/// <summary>
/// The Examples section of each help page, by command path (<see cref="CommandPath.Words"/>): command lines a student can
/// copy, in the course's setting (port 30000, a lab machine at 192.168.0.10), each with what it does in the UI language.
/// A test keeps every command listed. The notes are read when a page is written, in the language chosen by then.
/// </summary>
internal static class CommandExamples
{
    private static readonly Dictionary<string, (string Line, Func<string> Note)[]> ByCommand = new(StringComparer.Ordinal)
    {
        [""] = [("netprog lab", () => Strings.Example_Lab), ("netprog time-client 192.168.0.10 30000", () => Strings.Example_TimeClient)],
        ["lab"] = [("netprog lab", () => Strings.Example_Lab), ("netprog lab --port 40000 --bind 127.0.0.1", () => Strings.Example_LabLocal)],
        ["time-server"] =
        [
            ("netprog time-server --port 30000", () => Strings.Example_TimeServer),
            ("netprog time-server --port 30000 --udp --format iso8601", () => Strings.Example_TimeServerUdp),
        ],
        ["time-client"] =
        [
            ("netprog time-client 192.168.0.10 30000", () => Strings.Example_TimeClient),
            ("netprog time-client 192.168.0.10 30000 --udp", () => Strings.Example_TimeClientUdp),
        ],
        ["echo-server"] =
        [
            ("netprog echo-server --port 30001 --both", () => Strings.Example_EchoServerBoth),
            ("netprog echo-server --port 30002 --login", () => Strings.Example_EchoServerLogin),
        ],
        ["echo-client"] =
        [
            ("netprog echo-client 192.168.0.10 30001", () => Strings.Example_EchoClient),
            ("netprog echo-client 192.168.0.10 30002 --user alice", () => Strings.Example_EchoClientLogin),
        ],
        ["users"] = [("netprog users add alice", () => Strings.Example_UsersAdd), ("netprog users list", () => Strings.Example_UsersList)],
        ["users add"] = [("netprog users add alice", () => Strings.Example_UsersAdd), ("netprog users add alice --db accounts.db", () => Strings.Example_Db)],
        ["users remove"] = [("netprog users remove alice", () => Strings.Example_UsersRemove)],
        ["users list"] = [("netprog users list", () => Strings.Example_UsersList), ("netprog users list --db accounts.db", () => Strings.Example_Db)],
        ["users passwd"] = [("netprog users passwd alice", () => Strings.Example_UsersPasswd)],
        ["doctor"] =
        [
            ("netprog doctor 192.168.0.10 30000", () => Strings.Example_DoctorTcp),
            ("netprog doctor 192.168.0.10 30000 --udp", () => Strings.Example_DoctorUdp),
        ],
        ["check"] =
        [
            ("netprog check echo-server 127.0.0.1 30000", () => Strings.Example_CheckServer),
            ("netprog check time-server -- ./time_server 30000", () => Strings.Example_CheckStart),
            ("netprog check echo-client -- ./echo_client {host} {port}", () => Strings.Example_CheckClient),
            ("netprog check echo-server --targets class.txt", () => Strings.Example_CheckTargets),
        ],
        ["ip"] = [("netprog ip", () => Strings.Example_Ip), ("netprog ip --json", () => Strings.Example_Json)],
        ["route"] = [("netprog route", () => Strings.Example_Route), ("netprog route --json", () => Strings.Example_Json)],
        ["sockets"] =
        [
            ("netprog sockets -tl", () => Strings.Example_SocketsListening),
            ("netprog sockets --port 30000 --watch", () => Strings.Example_SocketsWatch),
        ],
        ["forward"] =
        [
            ("netprog forward --listen 30000 --to 192.168.56.101", () => Strings.Example_ForwardPort),
            ("netprog forward --listen 40000-40010 --to 10.0.2.15:30000-30010 --both", () => Strings.Example_ForwardRange),
        ],
        ["capture"] =
        [
            ("netprog capture --port 30000", () => Strings.Example_CaptureLive),
            ("netprog capture --read exchange.pcap --follow text", () => Strings.Example_CaptureRead),
        ],
        ["bench"] =
        [
            ("netprog bench echo 127.0.0.1 30001 -c 100", () => Strings.Example_BenchEcho),
            ("netprog bench time 127.0.0.1 30000 -c 16", () => Strings.Example_BenchTime),
        ],
        ["bench echo"] = [("netprog bench echo 127.0.0.1 30001 -c 100 --duration 10s", () => Strings.Example_BenchEcho)],
        ["bench udp-echo"] = [("netprog bench udp-echo 127.0.0.1 30001 -c 8 --pipeline 4", () => Strings.Example_BenchUdpEcho)],
        ["bench time"] = [("netprog bench time 127.0.0.1 30000 -c 16", () => Strings.Example_BenchTime)],
        ["completion"] =
        [
            ("source <(netprog completion bash)", () => Strings.Example_CompletionBash),
            ("netprog completion pwsh | Out-String | Invoke-Expression", () => Strings.Example_CompletionPwsh),
        ],
    };

    /// <summary>
    /// The command lines to show for a command, each with its note, under the name netprog was started by (<c>./netprog lab</c>
    /// from a clone), so that a line pasted back works; none for a path not listed.
    /// </summary>
    public static IReadOnlyList<(string Line, string Note)> For(string commandWords) =>
        ByCommand.TryGetValue(commandWords, out var examples)
            ? examples.Select(e => (WithProgram(e.Line, CommandPath.Program), e.Note())).ToArray()
            : [];

    /// <summary><paramref name="line"/> with <paramref name="program"/> for each <c>netprog</c> that starts a command in it.</summary>
    internal static string WithProgram(string line, string program) =>
        System.Text.RegularExpressions.Regex.Replace(line, @"(?<=^|\()netprog(?= )", program.Replace("$", "$$", StringComparison.Ordinal));
}
