namespace NetProg.Integration.Tests.Harness;

/// <summary>Finds a program the way a shell does, plus the sbin folders a non-root PATH often lacks (xinetd).</summary>
public static class ExecutableSearch
{
    public static string? Find(string name)
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"])
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Like <see cref="Find"/>, but fails with a message telling which package provides the program.</summary>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new InvalidOperationException(
            $"{name} was not found on PATH; install it (Debian/Ubuntu: apt-get install {debianPackage}) to run this test.");
}
