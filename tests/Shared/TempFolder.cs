namespace NetProg.Tests.Shared;

/// <summary>A fresh folder under the system temp folder for one test's files, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "netprog-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> in this folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string WriteBytes(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteText(string name, string text) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Random bytes from a fixed seed, so a failure can be reproduced; all 256 byte values occur.</summary>
    public string WriteRandom(string name, int length, int seed = 30000) => WriteBytes(name, Payloads.Random(seed, length));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere (another test's failure); the OS temp cleaner gets it later.
        }
    }
}
