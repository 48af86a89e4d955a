namespace NetProg.Cli.Infrastructure;

/// <summary>
/// The name to put in front of every command netprog tells a person to type (the lab's "try this" lines, the doctor's
/// advice, "add a user first with ..."): the way this netprog was started, so that the line works when pasted.
/// <list type="number">
/// <item><c>NETPROG_INVOKED_AS</c>, which the launchers of a clone set: <c>./netprog</c> (or however the script was reached),
/// <c>netprog.cmd</c>, <c>.\netprog.ps1</c>;</item>
/// <item>else an installed program named netprog (the dotnet tool's shim, the single-file download), by where it is: found
/// through PATH → <c>netprog</c>; in or under the current folder → <c>./netprog</c> (<c>.\netprog</c> on Windows); elsewhere,
/// its full path;</item>
/// <item>else (<c>dotnet netprog.dll</c>, a test host) plain <c>netprog</c>.</item>
/// </list>
/// </summary>
internal static class ProgramName
{
    public const string EnvironmentVariable = "NETPROG_INVOKED_AS";

    private const string Plain = "netprog";

    private static readonly Lazy<string> CurrentName = new(() => Resolve(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        Environment.ProcessPath,
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariable("PATH")));

    /// <summary>This process's name for people, worked out once.</summary>
    public static string Current => CurrentName.Value;

    public static string Resolve(string? invokedAs, string? processPath, string currentDirectory, string? pathVariable)
    {
        // A value with control characters cannot be pasted back (and must not reach the terminal): ignored.
        if (invokedAs?.Trim() is { Length: > 0 } launcher && !launcher.Any(char.IsControl))
        {
            return Quote(launcher);
        }

        if (string.IsNullOrEmpty(processPath) ||
            !string.Equals(Path.GetFileNameWithoutExtension(processPath), Plain, StringComparison.OrdinalIgnoreCase))
        {
            return Plain;
        }

        var folder = Path.GetDirectoryName(processPath);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var onPath = (pathVariable ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(entry => Path.IsPathFullyQualified(entry) && string.Equals(Path.TrimEndingDirectorySeparator(entry), folder, comparison));
        if (onPath)
        {
            return Plain;
        }

        var relative = Path.GetRelativePath(currentDirectory, processPath);
        if (!Path.IsPathFullyQualified(relative) && !relative.StartsWith("..", StringComparison.Ordinal))
        {
            // Windows runs ".\netprog" as netprog.exe; the extension is noise there.
            var name = OperatingSystem.IsWindows() ? Path.ChangeExtension(relative, null) : relative;
            return Quote("." + Path.DirectorySeparatorChar + name);
        }

        return Quote(processPath);
    }

    /// <summary>A name with a space is quoted; PowerShell runs a quoted script path only after its call operator.</summary>
    private static string Quote(string name)
    {
        if (!name.Contains(' ', StringComparison.Ordinal) || name.StartsWith('"') || name.StartsWith('\''))
        {
            return name;
        }

        return name.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) ? $"& \"{name}\"" : $"\"{name}\"";
    }
}
