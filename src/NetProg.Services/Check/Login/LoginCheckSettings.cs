using NetProg.Protocols.Checking;

namespace NetProg.Services.Check.Login;

/// <summary>
/// How to log in to a <c>login-server</c>: the <c>--script FILE</c> transcript (its bytes and its name for messages),
/// and the values of <c>${user}</c> (<c>--user</c>) and <c>${password}</c> (<c>--password-stdin</c>). Without a script,
/// a server that greets with netprog's <c>220</c> is logged in to with netprog's own USER/PASS transcript.
/// </summary>
public sealed class LoginCheckSettings
{
    /// <summary>The bytes of the script file, or null for none.</summary>
    public ReadOnlyMemory<byte>? Script { get; init; }

    /// <summary>The script's name as the user gave it (the path), for messages.</summary>
    public string? ScriptName { get; init; }

    public string? User { get; init; }

    /// <summary>The password; never shown in any message or in <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Reads the script file (at most one byte over <see cref="LoginScript.MaxBytes"/>, so a huge file is refused without
    /// being read). Throws <see cref="CheckException"/> with one line when it cannot be read.
    /// </summary>
    public static LoginCheckSettings FromFile(string path, string? user, string? password)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[LoginScript.MaxBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            return new LoginCheckSettings { Script = buffer.AsMemory(0, length), ScriptName = path, User = user, Password = password };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => LoginCheckText.Script_NotFound,
                UnauthorizedAccessException => LoginCheckText.Script_Denied,
                _ => e.Message,
            };
            throw new CheckException(string.Format(CultureInfo.CurrentCulture, LoginCheckText.Script_Unreadable, path, why), e);
        }
    }

    /// <summary>
    /// Why the script cannot be used, in one line with its line number (a bad directive, regex or placeholder, a value
    /// it needs and was not given), or null when it can. Null without a script.
    /// </summary>
    public string? Problem()
    {
        if (Script is not { } script)
        {
            return null;
        }

        var parse = LoginScriptParser.Parse(script.Span);
        var error = parse.Error ?? parse.Script!.Bind(User, Password).Error;
        return error is null ? null : LoginScriptText.Describe(error, ScriptName ?? "--script");
    }

    /// <summary>The settings without the password.</summary>
    public override string ToString() =>
        $"LoginCheckSettings {{ ScriptName = {ScriptName}, User = {User}, Password = {(Password is null ? "null" : "***")} }}";
}
