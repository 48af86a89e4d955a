namespace NetProg.Integration.Tests.Harness;

/// <summary>What the clients of the lecture's matrix print, asserted the same way whichever OS the peer runs on (Linux, Windows).</summary>
public static partial class PeerOutput
{
    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public static Regex CourseEchoLine(string line) => new("Echo : " + Regex.Escape(line) + "$");

    /// <summary>time_client and udp_time_client print <c>Time information from server is %s</c>: the current time.</summary>
    public static void CourseClientPrintedNow(ChildProcess client)
    {
        Match match = CourseClientLine().Match(client.StdoutText.TrimEnd('\n'));
        Assert.True(match.Success, $"unexpected output\n{client.Describe()}");
        string time = match.Groups["time"].Value;
        Assert.Matches(TimeText.Ctime(), time);
        TimeText.AssertIsNow(time, client.DisplayName);
    }

    /// <summary>netprog time-client: line 1 the server's ctime text without NUL, a detail line naming the peer.</summary>
    public static void NetProgClientPrintedCtime(ChildProcess client, string endpoint, string protocol)
    {
        Assert.DoesNotContain((byte)0, client.StdoutBytes);
        Assert.True(client.StdoutLines.Count > 0, client.Describe());
        string first = client.StdoutLines[0];
        Assert.True(TimeText.Ctime().IsMatch(first), $"line 1 is not the ctime text: '{first}'\n{client.Describe()}");
        TimeText.AssertIsNow(first, client.DisplayName);
        string from = $"from {endpoint}/{protocol}";
        Assert.True(client.StdoutLines.Skip(1).Any(line => line.Contains(from, StringComparison.Ordinal)), $"no '{from}' line\n{client.Describe()}");
        OutputAssert.NoStackTrace(client);
    }

    [GeneratedRegex(@"^Time information from server is (?<time>[^\n\0]*)\0?$")]
    private static partial Regex CourseClientLine();
}
