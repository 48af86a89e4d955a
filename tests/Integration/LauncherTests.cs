using Xunit.Abstractions;

namespace NetProg.Integration.Tests;

/// <summary>
/// The <c>./netprog</c> launcher of a clone, run from a copy in a temp root whose <c>src/NetProg.Cli</c> is a one-file console
/// program named netprog: the launcher's own paths (lock, build, stamp, run) are real, but the build takes seconds instead
/// of the minute netprog's own takes, and the program's output is known to the byte.
/// </summary>
public sealed class LauncherTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Empty counts as unset: the launcher names itself, whatever the test's own environment holds.</summary>
    private static readonly Dictionary<string, string> Unset = new() { ["NETPROG_INVOKED_AS"] = string.Empty };

    [Fact]
    public async Task Should_say_on_stderr_that_it_waits_and_builds_and_keep_stdout_the_programs_alone()
    {
        if (WhyNot() is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        // Given a clone-like root that was never built, and another build holding the launcher's lock
        using var folder = new TempFolder();
        var root = CloneLike(folder.Path);
        var launcher = Path.Combine(root, "netprog");
        using var otherBuild = ChildProcess.Start("flock", [Path.Combine(root, ".build", "netprog.lock"), "sh", "-c", "echo locked; exec cat"]);
        await otherBuild.WaitForStdoutLineAsync(new System.Text.RegularExpressions.Regex("^locked$"), Waits.Line);

        // When the launcher starts, then the other build ends
        using var first = ChildProcess.Start(launcher, ["time-client", "a b"], null, Unset);
        await first.WaitForStderrLineAsync(new System.Text.RegularExpressions.Regex(@"^netprog: waiting for another build of netprog to finish\.\.\.$"), Waits.Line);
        otherBuild.CloseStdin();
        var exit = await first.WaitForExitAsync(BuildTimeout);
        output.WriteLine(first.Describe());

        // Then it said, on stderr, that it waited and that it built; stdout is exactly the program's, which was told the
        // launcher's name
        Assert.Equal(0, exit);
        Assert.Equal(
            ["netprog: waiting for another build of netprog to finish...", "netprog: building netprog, about a minute the first time..."],
            first.StderrLines);
        Assert.Equal($"args=time-client|a b;as={launcher}\n", first.StdoutText);

        // And a second run, with nothing to build, says nothing of its own
        using var second = ChildProcess.Start(launcher, ["x"], null, Unset);
        Assert.Equal(0, await second.WaitForExitAsync(Waits.Exit));
        Assert.Empty(second.StderrText);
        Assert.Equal($"args=x;as={launcher}\n", second.StdoutText);
    }

    private static string? WhyNot()
    {
        if (OperatingSystem.IsWindows())
        {
            return "the bash launcher runs on Linux and macOS";
        }

        return ExecutableSearch.Find("flock") is null ? "flock (util-linux) is not installed" : null;
    }

    /// <summary>A copy of the launcher next to a tiny src/NetProg.Cli whose program prints its arguments and NETPROG_INVOKED_AS.</summary>
    private static string CloneLike(string folder)
    {
        var repo = RepoRoot();
        var root = Path.Combine(folder, "clone");
        var project = Directory.CreateDirectory(Path.Combine(root, "src", "NetProg.Cli")).FullName;
        Directory.CreateDirectory(Path.Combine(root, ".build"));
        var launcher = Path.Combine(root, "netprog");
        File.Copy(Path.Combine(repo, "netprog"), launcher);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(Path.Combine(project, "NetProg.Cli.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>netprog</AssemblyName>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            Console.Out.Write($"args={string.Join('|', args)};as={Environment.GetEnvironmentVariable("NETPROG_INVOKED_AS")}\n");
            """);
        return root;
    }

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "netprog.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (netprog.slnx) is not above the test's folder");
    }
}
