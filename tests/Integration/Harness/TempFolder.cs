namespace NetProg.Integration.Tests.Harness;

/// <summary>A temporary folder for input files, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netprog-it-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string WriteBytes(string name, byte[] bytes)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteText(string name, string text) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Random bytes from a fixed seed, so a failure can be reproduced; all 256 byte values occur.</summary>
    public string WriteRandom(string name, int length, int seed = 30000)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return WriteBytes(name, bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
