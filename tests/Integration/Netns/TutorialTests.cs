using Xunit.Abstractions;

namespace NetProg.Integration.Tests.Netns;

/// <summary>
/// docs/tutorial shows every command with the output netprog printed when the pages were generated. Each
/// chapter, in each language, is regenerated here with <c>generate.py --check</c> in its own network namespaces and
/// compared with the committed page (times, durations, ephemeral ports and PIDs masked): a change to what netprog
/// prints, or to what the chapter claims works or fails, fails this test until the pages are regenerated. Root only.
/// </summary>
public sealed class TutorialTests(ITestOutputHelper output)
{
    /// <summary>One chapter has at most a few dozen netprog starts, each JIT-compiled on a loaded 2-core machine.</summary>
    private static readonly TimeSpan ChapterTimeout = TimeSpan.FromMinutes(4);

    public static TheoryData<string, string> Chapters()
    {
        var data = new TheoryData<string, string>();
        string? source = Source();
        if (source is null)
        {
            data.Add("none", "none");
            return data;
        }

        foreach (string language in Directory.GetDirectories(source).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal))
        {
            foreach (string template in Directory.GetFiles(Path.Combine(source, language), "*.md").Order(StringComparer.Ordinal))
            {
                data.Add(language, Path.GetFileNameWithoutExtension(template));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public async Task Should_show_what_netprog_prints_now(string language, string chapter)
    {
        string? reason = NetworkLab.Unavailable()
            ?? (ExecutableSearch.Find("python3") is null ? "needs python3" : null)
            ?? (Source() is null ? "docs/tutorial/src is not in this checkout" : null)
            ?? (ExecutableSearch.Find("netstat") is null ? "needs netstat (apt-get install net-tools)" : null)
            ?? (ExecutableSearch.Find("nc") is null ? "needs nc (apt-get install netcat-openbsd)" : null);
        if (reason is not null)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        // Given the committed chapter, when the generator runs its commands again in fresh namespaces and compares
        string generator = Path.Combine(Root()!, "docs", "tutorial", "generate.py");
        using ChildProcess check = ChildProcess.Start(
            "python3", [generator, "--check", "--lang", language, "--chapter", chapter, "--netprog-dll", NetProgApp.DllPath]);
        int code;
        try
        {
            code = await check.WaitForExitAsync(ChapterTimeout);
        }
        catch (TimeoutException)
        {
            // SIGTERM, not the SIGKILL of Dispose: the generator then stops its servers and deletes its namespaces.
            await check.SendSignalAsync(UnixSignal.Term);
            await check.WaitForExitAsync(TimeSpan.FromSeconds(30));
            throw;
        }

        // Then the page shows what netprog prints now (the diff says where it does not)
        output.WriteLine(check.Describe());
        Assert.True(code == 0, $"docs/tutorial/{language}/{chapter}.md is out of date: run 'sudo docs/tutorial/generate.py' and commit.\n{check.Describe()}");
    }

    private static string? Source()
    {
        string? root = Root();
        string? source = root is null ? null : Path.Combine(root, "docs", "tutorial", "src");
        return source is not null && Directory.Exists(source) ? source : null;
    }

    private static string? Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "netprog.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
