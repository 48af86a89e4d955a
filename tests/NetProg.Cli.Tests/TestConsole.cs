using NetProg.Cli.Infrastructure;

namespace NetProg.Cli.Tests;

/// <summary>An in-memory console: tests read exactly the lines a user would see.</summary>
internal sealed class TestConsole(string input = "", bool inputRedirected = true) : ICliConsole
{
    private readonly MemoryStream _stdout = new();

    public ObservableWriter OutWriter { get; } = new();

    public ObservableWriter ErrorWriter { get; } = new();

    public TextWriter Out => OutWriter;

    public TextWriter Error => ErrorWriter;

    public TextReader In { get; } = new StringReader(input);

    public bool IsInputRedirected => inputRedirected;

    public bool IsOutputInteractive => false;

    public byte[] StandardOutputBytes => _stdout.ToArray();

    public Stream OpenStandardInput() => new MemoryStream(Encoding.UTF8.GetBytes(input));

    public string? ReadSecret(string prompt)
    {
        ErrorWriter.Write(prompt);
        return In.ReadLine();
    }

    public Stream OpenStandardOutput() => new NonClosingStream(_stdout);
}
