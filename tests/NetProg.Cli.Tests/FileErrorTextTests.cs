namespace NetProg.Cli.Tests;

/// <summary>A file named on the command line that cannot be used: the cause in netprog's words, never .NET's exception text.</summary>
public sealed class FileErrorTextTests
{
    private static readonly string[] DotNetWording = ["Could not find", "Access to the path", "The certificate contents", "is denied"];

    [Theory]
    [InlineData("no such file: /tmp/netprog-no-such-file.pcap", "capture", "--read", "/tmp/netprog-no-such-file.pcap")]
    [InlineData("a folder on its path does not exist", "capture", "--read", "/no/such/folder/file.pcap")]
    [InlineData("it is a folder, not a file", "capture", "--read", "/")]
    [InlineData("no such file: /tmp/netprog-no-such-cert.pem", "echo-server", "--port", "0", "--login", "--tls", "--tls-cert", "/tmp/netprog-no-such-cert.pem")]
    public async Task Should_say_why_the_file_cannot_be_used(string expected, params string[] args)
    {
        var (exit, console) = await Cli.RunAsync(["--lang", "en", .. args]);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(console.ErrorWriter.Lines);
        Assert.Contains(expected, line);
        Assert.DoesNotContain(DotNetWording, w => line.Contains(w, StringComparison.Ordinal));
    }

    [Fact]
    public void Should_quote_the_system_s_crypto_code_When_the_OS_refuses_the_key()
    {
        // Given the OS's crypto library refusing a key (NTE_NOT_SUPPORTED, as Wine's ncrypt does for ECDSA P-256), and .NET's
        // own check failing
        var system = new System.Security.Cryptography.CryptographicException("Unknown error (0x80090029)") { HResult = unchecked((int)0x80090029) };
        var managed = new System.Security.Cryptography.CryptographicException("The certificate contents do not contain a PEM with a CERTIFICATE label");

        // Then the first names the code (to search for, in any language), the second only says what the file must be
        Assert.EndsWith("(the system's cryptography said 0x80090029)", NetProg.Cli.Rendering.FileErrorText.Cause(system));
        Assert.DoesNotContain("0x", NetProg.Cli.Rendering.FileErrorText.Cause(managed));
    }

    [Fact]
    public async Task Should_say_a_file_is_not_a_certificate()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "not a certificate\n");

            var (exit, console) = await Cli.RunAsync("--lang", "en", "echo-server", "--port", "0", "--login", "--tls", "--tls-cert", file);

            Assert.Equal(2, exit);
            var line = Assert.Single(console.ErrorWriter.Lines);
            Assert.Contains("not a certificate this program can read", line);
            Assert.DoesNotContain(DotNetWording, w => line.Contains(w, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
