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
        return password.Length > 0 ? password : throw new UsageException(Strings.Password_Empty);
    }

    private static string ReadAny(ICliConsole console, bool fromStdin, Stream? stdin, string prompt, bool confirm)
    {
        if (fromStdin)
        {
            return ReadLine(stdin ?? console.OpenStandardInput())
                ?? throw new UsageException(Strings.Password_StdinEmpty);
        }

        if (console.IsInputRedirected)
        {
            throw new UsageException(Strings.Password_NotTerminal);
        }

        var password = console.ReadSecret(prompt) ?? throw new UsageException(Strings.Password_NoneGiven);
        if (confirm && console.ReadSecret(Strings.Password_Again) != password)
        {
            throw new UsageException(Strings.Password_Differ);
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
                throw new UsageException(string.Format(Strings.Password_TooLong, MaxLength));
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
