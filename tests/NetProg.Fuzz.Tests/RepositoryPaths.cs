namespace NetProg.Fuzz.Tests;

/// <summary>The checkout these tests were built from: the seeds and fuzz/run.sh are read in place, not copied.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "fuzz", "corpus");

    public static string RunScript => Path.Combine(Root, "fuzz", "run.sh");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "netprog.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no netprog.slnx above {AppContext.BaseDirectory}");
    }
}
