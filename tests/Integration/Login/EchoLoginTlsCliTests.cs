namespace NetProg.Integration.Tests.Login;

/// <summary><c>echo-server --login --tls</c> with its self-signed certificate, and echo-client pinning its fingerprint.</summary>
public sealed class EchoLoginTlsCliTests
{
    [Fact]
    public async Task Should_echo_with_the_printed_fingerprint_and_refuse_another_When_the_server_uses_TLS()
    {
        // Given alice and a TLS login echo server whose data folder is in the test's temp HOME
        using var folder = new TempFolder();
        var db = folder.File("a.db");
        using var server = await LoginCli.StartServerWithUserAsync(folder, db, ("alice", "correct-horse-7"), "--tls");
        var fingerprint = (await server.Process.WaitForStdoutLineAsync(LoginCli.FingerprintLine(), Waits.Line)).Groups["fingerprint"].Value;

        // When echo-client pins the printed fingerprint, and when it pins another one
        using var pinned = await LoginCli.RunEchoClientAsync(folder, server.Port, "alice", "correct-horse-7\nover tls\n", "--tls-fingerprint", fingerprint);
        var other = string.Join(':', Enumerable.Repeat("00", 32));
        using var wrong = await LoginCli.RunEchoClientAsync(folder, server.Port, "alice", "correct-horse-7\nover tls\n", "--tls-fingerprint", other);

        // Then the pinned one logs in and gets its line back, the other exits 1 saying the certificate is not the pinned one
        await OutputAssert.ExitsWithAsync(pinned, 0);
        Assert.Equal("over tls\n", pinned.StdoutText);
        await OutputAssert.ExitsWithAsync(wrong, 1);
        Assert.Contains("not the pinned one", OutputAssert.SingleErrorLine(wrong), StringComparison.Ordinal);
        Assert.Empty(wrong.StdoutBytes);

        // And the certificate was made in the temp data folder, not in the real user's
        Assert.True(File.Exists(Path.Combine(folder.Path, "home", ".local", "share", "netprog", "server-certificate.pfx")), server.Process.Describe());
        OutputAssert.NoStackTrace(server.Process);
    }
}
