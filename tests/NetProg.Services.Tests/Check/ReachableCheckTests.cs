using NetProg.Diagnostics.Doctor;
using NetProg.Services.Check;

namespace NetProg.Services.Tests.Check;

/// <summary>
/// <c>reachable</c> explains a port that cannot be reached with the doctor's finding: in the words the caller passes
/// (the CLI's renderer), or, without them, by the finding's stable names.
/// </summary>
public sealed class ReachableCheckTests
{
    [Fact]
    public async Task Should_quote_the_doctor_in_the_callers_words_When_nothing_listens()
    {
        // Given a port nothing listens on, and words that name the finding and the fix code
        var port = FreePort.Tcp();
        var options = new CheckOptions
        {
            Timeout = TimeSpan.FromSeconds(2),
            Only = new HashSet<string> { CheckIds.Reachable },
            DoctorWords = check => ($"doctor: {check.Id} {check.Finding}", $"fix: {check.Fix?.Code}"),
        };

        // When reachable runs
        var report = await ServerChecker.RunAsync(new ServerCheckRequest(CheckKind.EchoServer, "127.0.0.1", port) { Options = options }, CancellationToken.None);

        // Then it quotes the port's finding and its fix through those words
        var reachable = Assert.Single(report.Checks);
        Assert.Equal(CheckVerdict.Fail, reachable.Verdict);
        Assert.Equal($"doctor: {DoctorCheckId.Port} {DoctorFinding.TcpClosed}", reachable.Observed);
        Assert.Equal($"fix: {FixCode.StartServerOrCheckPort}", reachable.Fix);
    }

    [Fact]
    public async Task Should_name_the_port_state_and_the_finding_When_no_words_are_given()
    {
        var port = FreePort.Tcp();
        var options = new CheckOptions { Timeout = TimeSpan.FromSeconds(2), Only = new HashSet<string> { CheckIds.Reachable } };

        var report = await ServerChecker.RunAsync(new ServerCheckRequest(CheckKind.EchoServer, "127.0.0.1", port) { Options = options }, CancellationToken.None);

        var reachable = Assert.Single(report.Checks);
        Assert.Equal($"127.0.0.1:{port}/tcp: closed (tcpClosed)", reachable.Observed);
        Assert.False(string.IsNullOrEmpty(reachable.Fix));
    }
}
