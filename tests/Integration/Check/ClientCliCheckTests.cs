using System.Text.Json;
using NetProg.Services.Check;

namespace NetProg.Integration.Tests.Check;

/// <summary><c>netprog check</c> of a client through the real CLI: in Korean, and as JSON with <c>--only</c>.</summary>
public sealed class ClientCliCheckTests(CheckC programs) : IClassFixture<CheckC>
{
    /// <summary>The CLI's own start and the checks of a client well inside it, on a loaded machine.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_say_the_finding_its_cause_and_fix_in_Korean_and_exit_1_When_the_ui_language_is_Korean()
    {
        // Given the time client that prints an unterminated buffer
        string program = programs.PathOf("client_time_unterminated");

        // When netprog check time-client runs it in Korean
        using ChildProcess check = NetProgApp.Start("--lang", "ko", "check", "time-client", "--timeout", "2s", "--", program, "{host}", "{port}");
        int exit = await check.WaitForExitAsync(RunTimeout);

        // Then without-nul fails in Korean, the C call kept as it is, the garbage quoted escaped, and the exit code is 1
        Assert.True(exit == 1, check.Describe());
        string line = Assert.Single(check.StdoutLines, l => l.Contains("without-nul", StringComparison.Ordinal));
        Assert.Contains("FAIL", line, StringComparison.Ordinal);
        Assert.Contains("서버가 보낸 적 없는", line, StringComparison.Ordinal);
        Assert.Contains("'XXXX", line, StringComparison.Ordinal);
        Assert.Contains(check.StdoutLines, l => l.Contains("버퍼를 끝맺지 않고 %s로 출력합니다", StringComparison.Ordinal));
        Assert.Contains(check.StdoutLines, l => l.Contains("buf[n] = '\\0'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_write_only_the_chosen_checks_as_json_and_exit_1_When_only_and_json_are_given()
    {
        // Given the echo client that ignores connect() and always exits 0
        string program = programs.PathOf("client_echo_exit0");

        // When netprog check echo-client runs basic and refused only, as JSON
        using ChildProcess check = NetProgApp.Start(
            "--lang", "en", "check", "echo-client", "--only", "refused,basic", "--json", "--timeout", "2s", "--", program, "{host}", "{port}");
        int exit = await check.WaitForExitAsync(RunTimeout);

        // Then the document has the kind, the program as the target, the two checks in the kind's order with their stable
        // ids (basic passed, refused failed with a cause and a fix), a summary, and the exit code is 1
        Assert.True(exit == 1, check.Describe());
        using JsonDocument json = JsonDocument.Parse(check.StdoutText);
        JsonElement root = json.RootElement;
        Assert.Equal("echo-client", root.GetProperty("kind").GetString());
        Assert.Contains("client_echo_exit0 {host} {port}", root.GetProperty("target").GetString(), StringComparison.Ordinal);
        JsonElement[] checks = [.. root.GetProperty("checks").EnumerateArray()];
        Assert.Equal([CheckIds.Basic, CheckIds.Refused], checks.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["pass", "fail"], checks.Select(c => c.GetProperty("verdict").GetString()));
        Assert.Contains("connect()", checks[1].GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(checks[1].GetProperty("fix").GetString()));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("summary").ValueKind);
    }
}
