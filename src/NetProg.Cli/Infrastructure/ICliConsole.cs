namespace NetProg.Cli.Infrastructure;

/// <summary>All console access goes through here, so that tests see exactly the lines a user sees (dotnet-counters' IConsole).</summary>
internal interface ICliConsole
{
    TextWriter Out { get; }

    TextWriter Error { get; }

    TextReader In { get; }

    /// <summary>True when stdin is a file or pipe, not a person at a terminal.</summary>
    bool IsInputRedirected { get; }

    /// <summary>True when stdout is a terminal that can show a live view.</summary>
    bool IsOutputInteractive { get; }

    /// <summary>The terminal's width in columns, or null when stdout is not a terminal (then lines are not wrapped).</summary>
    int? Width => null;

    /// <summary>Reads a line at the terminal without showing it (a password); null at end of input.</summary>
    string? ReadSecret(string prompt);

    /// <summary>Raw stdin, for byte-exact copies.</summary>
    Stream OpenStandardInput();

    /// <summary>Raw stdout, for byte-exact copies.</summary>
    Stream OpenStandardOutput();
}
