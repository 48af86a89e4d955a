using NetProg.Capture.Live;

namespace NetProg.Capture.Tests;

/// <summary>
/// The advice given without capture rights: capabilities on netprog's own single file, never on the shared <c>dotnet</c>
/// (setcap on the interpreter would let every .NET program of every user capture packets and configure interfaces).
/// </summary>
public sealed class PermissionAdviceTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    public void Should_advise_sudo_or_the_capabilities_on_netprogs_own_file_and_never_on_dotnet(string language)
    {
        // Given the user's language
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            // When capture is not permitted
            var message = PcapDevices.NotPermitted("lo", new InvalidOperationException("denied")).Message;

            // Then the advice names sudo and netprog's file, and no command that gives the shared runtime the capabilities
            Assert.Contains("sudo", message, StringComparison.Ordinal);
            Assert.Contains("setcap cap_net_raw,cap_net_admin+eip /usr/local/bin/netprog", message, StringComparison.Ordinal);
            Assert.DoesNotContain("which dotnet", message, StringComparison.Ordinal);
            Assert.DoesNotContain("readlink", message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
