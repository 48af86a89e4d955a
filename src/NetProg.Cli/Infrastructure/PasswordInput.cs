using System.Text;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// Reads a password: at a terminal without echo, or, with <c>--password-stdin</c>, as the first line of stdin (read byte by
/// byte, so that nothing after it is taken from what the echo client then streams).
/// </summary>
internal static class PasswordInput
{
    private const int MaxLength = 1024;

    public static string Read(ICliConsole console, bool fromStdin, Stream? stdin, string prompt, bool confirm = false)
    {
        var password = ReadAny(console, fromStdin, stdin, prompt, confirm);

        // No account can have an empty password (PasswordHasher refuses to hash one), so none is ever worth sending.
        return password.Length > 0 ? password : throw new UsageException("the password is empty; give one of at least one character.");
    }

    private static string ReadAny(ICliConsole console, bool fromStdin, Stream? stdin, string prompt, bool confirm)
    {
        if (fromStdin)
        {
            return ReadLine(stdin ?? console.OpenStandardInput())
                ?? throw new UsageException("--password-stdin: stdin is empty; give the password as its first line.");
        }

        if (console.IsInputRedirected)
        {
            throw new UsageException("stdin is not a terminal, so the password cannot be asked for: give it with --password-stdin.");
        }

        var password = console.ReadSecret(prompt) ?? throw new UsageException("no password given.");
        if (confirm && console.ReadSecret("Again: ") != password)
        {
            throw new UsageException("the two passwords differ; nothing was changed.");
        }

        return password;
    }

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (stream.Read(one, 0, 1) == 1)
        {
            if (one[0] == '\n')
            {
                break;
            }

            if (bytes.Count == MaxLength)
            {
                throw new UsageException($"--password-stdin: the first line is longer than {MaxLength} bytes.");
            }

            bytes.Add(one[0]);
        }

        if (bytes.Count == 0 && one[0] != '\n')
        {
            return null;
        }

        if (bytes.Count > 0 && bytes[^1] == '\r')
        {
            bytes.RemoveAt(bytes.Count - 1);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
