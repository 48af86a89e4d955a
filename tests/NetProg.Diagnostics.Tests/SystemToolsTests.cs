using NetProg.Diagnostics.Internal;

namespace NetProg.Diagnostics.Tests;

/// <summary>Helper tools (nft, iptables, lsof, netstat, powershell.exe) are started from the system's folders, never found along PATH.</summary>
public sealed class SystemToolsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netprog-tools-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [LinuxFact]
    public void Should_not_run_a_tool_planted_on_PATH()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Given a tool that exists only in a folder put first on PATH (a planted one, say), and that would print if run
        var name = $"netprog-planted-{Guid.NewGuid():N}";
        var planted = Path.Combine(_folder, name);
        File.WriteAllText(planted, "#!/bin/sh\necho planted ran\n");
        File.SetUnixFileMode(planted, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", $"{_folder}:{path}");
        try
        {
            // When netprog runs a helper tool of that name
            var outcome = BoundedProcess.Run(name, [], TimeSpan.FromSeconds(5));

            // Then it was not started: the system's folders do not hold it
            Assert.Null(outcome.Output);
            Assert.Equal($"{name} is not installed in the system's folders", outcome.StartError);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Fact]
    public void Should_take_the_first_absolute_folder_that_holds_the_tool_and_skip_relative_ones()
    {
        // Given a tool in a relative folder and in an absolute one
        var absolute = Directory.CreateDirectory(Path.Combine(_folder, "sbin")).FullName;
        File.WriteAllText(Path.Combine(absolute, "nft"), string.Empty);

        // When it is looked for
        // Then the relative folder (".", as an empty PATH entry means) is never searched, and the absolute one is
        Assert.Equal(Path.Combine(absolute, "nft"), SystemTools.Find("nft", [".", "bin", Path.Combine(_folder, "none"), absolute]));
        Assert.Null(SystemTools.Find("nft", [".", Path.Combine(_folder, "none")]));
        Assert.Null(SystemTools.Find("./nft", [absolute]));
        Assert.Equal("/usr/sbin/nft", SystemTools.Find("/usr/sbin/nft", []));
    }

    [Fact]
    public void Should_look_only_in_folders_only_an_administrator_can_write()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.StartsWith(Environment.SystemDirectory, SystemTools.Find("cmd.exe")!, StringComparison.OrdinalIgnoreCase);
            return;
        }

        Assert.All(SystemTools.UnixFolders, f => Assert.True(Path.IsPathFullyQualified(f), f));
        Assert.Matches("^(/usr)?/s?bin/sh$", SystemTools.Find("sh"));
    }
}
