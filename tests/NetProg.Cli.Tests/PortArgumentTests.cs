namespace NetProg.Cli.Tests;

/// <summary>
/// Every command reads its ports with the one parser (PortSyntax) and still words a bad one as it always has: a server's
/// --port allows 0, a client's PORT does not, HOST:PORT and forward --listen say it their own way; exit code 2, one line.
/// </summary>
public sealed class PortArgumentTests : IDisposable
{
    public static TheoryData<string, string, string[]> BadPorts()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var bad in new[] { "+80", "65536", " 80", "8O", "99999999999" })
        {
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 0 to 65535 (0 = any free port).", ["time-server", "--port", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["echo-client", "127.0.0.1", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["bench", "echo", "127.0.0.1", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["sockets", "--port", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["capture", "--port", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["doctor", "127.0.0.1", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["check", "echo-server", "--port", bad]);
            data.Add(bad, $"invalid port '{bad}': a port is a whole number from 1 to 65535.", ["check", "echo-server", "127.0.0.1", bad]);
            data.Add(bad, $"invalid port in '127.0.0.1:{bad}': after the ':' comes a port, a whole number from 1 to 65535, not '{bad}'", ["time-client", $"127.0.0.1:{bad}"]);
            if (bad != " 80")
            {
                // --listen is trimmed first (a quoted " 80" listens on 80), as it always was.
                data.Add(bad, $"invalid --listen '{bad}': invalid port '{bad}': a port is a whole number from 0 to 65535", ["forward", "--listen", bad, "--to", "127.0.0.1:30000"]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadPorts))]
    public async Task Should_refuse_a_bad_port_in_each_command_s_own_words(string bad, string expected, string[] args)
    {
        // When
        var (exit, console) = await Cli.RunAsync(args);

        // Then
        Assert.Equal(2, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", console.ErrorWriter.Text);
        Assert.NotEmpty(bad);
    }

    [Theory]
    [InlineData("잘못된 포트 '+80': 포트는 0부터 65535까지의 정수입니다(0 = 비어 있는 아무 포트).", "time-server", "--port", "+80")]
    [InlineData("잘못된 포트 '65536': 포트는 1부터 65535까지의 정수입니다.", "capture", "--port", "65536")]
    [InlineData("잘못된 포트 '0': 포트는 1부터 65535까지의 정수입니다.", "sockets", "--port", "0")]
    [InlineData("'127.0.0.1:+80'의 포트가 잘못되었습니다: ':' 뒤에는 1부터 65535까지의 정수인 포트가 와야 합니다('+80'이(가) 아님)", "echo-client", "127.0.0.1:+80")]
    [InlineData("잘못된 --listen '40000-30000': 잘못된 포트 범위 '40000-30000': 첫 포트가 마지막 포트보다 큽니다. 30000-40000로 쓰세요", "forward", "--listen", "40000-30000", "--to", "127.0.0.1")]
    public async Task Should_refuse_a_bad_port_in_Korean_in_each_command_s_own_words(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(["--lang", "ko", .. args]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, Assert.Single(console.ErrorWriter.Lines));
    }

    public void Dispose() => NetProg.Tests.Shared.EnglishMessages.Force();
}
