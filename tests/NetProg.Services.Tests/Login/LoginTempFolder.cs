namespace NetProg.Services.Tests.Login;

/// <summary>A temporary folder for one test's SQLite file and certificate, deleted on dispose.</summary>
internal sealed class LoginTempFolder : IDisposable
{
    public LoginTempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netprog-login-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
