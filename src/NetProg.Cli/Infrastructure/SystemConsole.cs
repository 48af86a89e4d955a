namespace NetProg.Cli.Infrastructure;

/// <summary>The process's real console.</summary>
internal sealed class SystemConsole : ICliConsole
{
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

    public Stream OpenStandardInput() => Console.OpenStandardInput();

    public string? ReadSecret(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
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
}
