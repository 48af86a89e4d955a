namespace NetProg.Protocols.Login;

/// <summary>Splits a line into its command word and argument, on bytes: nothing is decoded, so no input can throw.</summary>
internal static class LoginCommandParser
{
    /// <summary>
    /// The command is the first word, up to the first space, in any ASCII case (RFC 959 section 5.3, RFC 1939 section 3:
    /// commands are case-insensitive). The argument is everything after that ONE space, verbatim: a password may contain
    /// and even start with spaces. <c>QUIT</c> takes no argument (RFC 959 and RFC 1939 define none), so only a line that is
    /// exactly <c>QUIT</c> quits; after login, <c>"quit smoking"</c> is data to echo.
    /// </summary>
    public static LoginCommand Parse(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> argument)
    {
        int space = line.IndexOf((byte)' ');
        ReadOnlySpan<byte> word = space < 0 ? line : line[..space];
        argument = space < 0 ? default : line[(space + 1)..];

        // Ascii.EqualsIgnoreCase folds ASCII letters only: a Turkish culture's dotless i cannot change a protocol word.
        if (Ascii.EqualsIgnoreCase(word, "USER"u8))
        {
            return LoginCommand.User;
        }

        if (Ascii.EqualsIgnoreCase(word, "PASS"u8))
        {
            return LoginCommand.Pass;
        }

        if (space < 0 && Ascii.EqualsIgnoreCase(word, "QUIT"u8))
        {
            return LoginCommand.Quit;
        }

        return LoginCommand.Other;
    }
}
