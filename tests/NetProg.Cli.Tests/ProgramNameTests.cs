using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Tests;

/// <summary>The name netprog puts in front of the commands it tells a person to type: the way it was started.</summary>
public sealed class ProgramNameTests
{
    private static readonly string Home = OperatingSystem.IsWindows() ? @"C:\Users\u" : "/home/u";

    private static string In(params string[] parts) => Path.Combine([Home, .. parts]);

    [Theory]
    [InlineData("./netprog", "./netprog")]
    [InlineData("../netprog", "../netprog")]
    [InlineData("netprog.cmd", "netprog.cmd")]
    [InlineData(@".\netprog.ps1", @".\netprog.ps1")]
    [InlineData("/home/u/my labs/netprog", "\"/home/u/my labs/netprog\"")]
    [InlineData(@"C:\Users\My Name\netprog\netprog.ps1", @"& ""C:\Users\My Name\netprog\netprog.ps1""")]
    public void Should_take_the_launchers_name_when_a_launcher_started_it(string invokedAs, string expected) =>
        Assert.Equal(expected, ProgramName.Resolve(invokedAs, "/usr/share/dotnet/dotnet", Home, "/usr/bin"));

    [Fact]
    public void Should_say_netprog_when_run_through_dotnet_or_a_test_host()
    {
        Assert.Equal("netprog", ProgramName.Resolve(null, "/usr/share/dotnet/dotnet", Home, "/usr/bin"));
        Assert.Equal("netprog", ProgramName.Resolve(null, In("x", "testhost"), Home, null));
        Assert.Equal("netprog", ProgramName.Resolve(null, null, Home, null));
        Assert.Equal("netprog", ProgramName.Resolve("  ", null, Home, null));
        Assert.Equal("netprog", ProgramName.Resolve("./net\u001b[2Jprog", null, Home, null));
    }

    [Fact]
    public void Should_say_netprog_for_an_installed_program_found_through_PATH()
    {
        var tools = In(".dotnet", "tools");
        var path = string.Join(Path.PathSeparator, OperatingSystem.IsWindows() ? @"C:\Windows" : "/usr/bin", tools + Path.DirectorySeparatorChar);

        Assert.Equal("netprog", ProgramName.Resolve(null, Path.Combine(tools, OperatingSystem.IsWindows() ? "netprog.exe" : "netprog"), Home, path));
    }

    [Fact]
    public void Should_give_a_path_from_the_current_folder_for_a_download_run_from_here()
    {
        var download = In("Downloads", OperatingSystem.IsWindows() ? "netprog.exe" : "netprog");
        var sep = Path.DirectorySeparatorChar;

        Assert.Equal($".{sep}netprog", ProgramName.Resolve(null, download, In("Downloads"), null));
        Assert.Equal($".{sep}Downloads{sep}netprog", ProgramName.Resolve(null, download, Home, null));
        Assert.Equal(download, ProgramName.Resolve(null, download, In("elsewhere"), null));
    }
}
