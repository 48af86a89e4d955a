using NetProg.Services.Check;
using static NetProg.Integration.Tests.Check.ClientCheckRun;

namespace NetProg.Integration.Tests.Check;

/// <summary>netprog's own time and echo clients, TCP and UDP, pass every client check: the checker finds no false bug in them.</summary>
public sealed class ClientNetProgCheckTests
{
    /// <summary>Long enough for a .NET start on a loaded machine; netprog's client gives up after its own --timeout 1s.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(CheckKind.TimeClient, "time-client", false)]
    [InlineData(CheckKind.UdpTimeClient, "time-client", true)]
    [InlineData(CheckKind.EchoClient, "echo-client", false)]
    [InlineData(CheckKind.UdpEchoClient, "echo-client", true)]
    public async Task Should_pass_every_client_check_When_netprog_s_own_client_is_checked(CheckKind kind, string command, bool udp)
    {
        // Given netprog's own client with a timeout of 3 s: its TCP time query is one deadline for the whole reply, which
        // fragmented-reply spreads over 0.6 s on purpose, and it must still give up by itself within the checker's 5 s
        string[] arguments = [NetProgApp.DllPath, command, "--timeout", "3s", .. udp ? new[] { "--udp" } : []];

        // When every check of its kind runs against it
        string dotnet = ExecutableSearch.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        CheckReport report = await RunAsync(kind, dotnet, arguments, Timeout);

        // Then every check passes
        AssertVerdicts(report);
    }
}
