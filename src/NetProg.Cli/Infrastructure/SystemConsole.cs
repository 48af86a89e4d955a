namespace NetProg.Cli.Infrastructure;

/// <summary>The process's real console.</summary>
internal sealed class SystemConsole : ICliConsole
{
    public SystemConsole()
    {
        if (OperatingSystem.IsWindows())
        {
            UseUnicodeOnWindows();
        }
    }

    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public TextReader In => Console.In;

    public bool IsInputRedirected => Console.IsInputRedirected;

    public bool IsOutputInteractive => !Console.IsOutputRedirected;

    public int? Width
    {
        get
        {
            if (Console.IsOutputRedirected)
            {
                return null;
            }

            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    // At a Windows console read through ReadConsoleW (see UseUnicodeOnWindows) the raw stream is UTF-16LE; callers of
    // the raw stream (--password-stdin typed at the console) expect the UTF-8 bytes a pipe or a file gives.
    public Stream OpenStandardInput() =>
        OperatingSystem.IsWindows() && !Console.IsInputRedirected && Console.InputEncoding.CodePage == Encoding.Unicode.CodePage
            ? Encoding.CreateTranscodingStream(Console.OpenStandardInput(), Encoding.Unicode, new UTF8Encoding(false))
            : Console.OpenStandardInput();

    public string? ReadSecret(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return text.ToString();
                case ConsoleKey.Backspace when text.Length > 0:
                    text.Length--;
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && text.Length == 0:
                    Console.Error.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        text.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }

    public Stream OpenStandardOutput() => Console.OpenStandardOutput();

    // A Windows console starts in the OEM code page (437, 949, ...), so Korean text became "???" and "±" a
    // replacement character. .NET creates Console.Out/Error lazily from OutputEncoding with its preamble removed
    // (Console.CreateOutputWriter), so redirected output is UTF-8 with no BOM; this runs before either is touched.
    // The echo copy (echo-client < file > copy) goes through the raw standard streams and never meets an encoding.
    // Input typed at a console: with Encoding.Unicode .NET reads through ReadConsoleW and skips SetConsoleCP,
    // which reads Korean correctly also on consoles where ReadFile under code page 65001 returns NULs for
    // non-ASCII input; redirected input stays UTF-8 bytes.
    private static void UseUnicodeOnWindows()
    {
        try
        {
            Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            Console.InputEncoding = Console.IsInputRedirected ? new UTF8Encoding(false) : Encoding.Unicode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No console attached (a service, a detached process): SetConsoleOutputCP fails; the writers
            // still use the encoding set before the failure or the system default.
        }
    }
}
