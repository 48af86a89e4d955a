namespace NetProg.Cli.Infrastructure;

/// <summary>The process's real console.</summary>
internal sealed class SystemConsole : ICliConsole
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public TextReader In => Console.In;

    public bool IsInputRedirected => Console.IsInputRedirected;

    public bool IsOutputInteractive => !Console.IsOutputRedirected;

    public Stream OpenStandardInput() => Console.OpenStandardInput();

    public Stream OpenStandardOutput() => Console.OpenStandardOutput();
}
