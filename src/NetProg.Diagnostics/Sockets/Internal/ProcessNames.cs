namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>The short name of a Linux process, for the socket table and for the owner of a port.</summary>
internal static class ProcessNames
{
    /// <summary>/proc/[pid]/comm (at most 15 characters, TASK_COMM_LEN 16), or the dll of a <c>dotnet app.dll</c>; null if unreadable.</summary>
    public static string? Read(string processDirectory)
    {
        try
        {
            var comm = File.ReadAllText(Path.Combine(processDirectory, "comm")).TrimEnd('\n');
            if (comm == "dotnet")
            {
                // "dotnet" says little: name a .NET program by the first argument ending in .dll (cmdline is NUL-separated).
                var app = File.ReadAllText(Path.Combine(processDirectory, "cmdline"))
                    .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Skip(1)
                    .FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
                if (app is not null)
                {
                    return Path.GetFileNameWithoutExtension(app);
                }
            }

            return comm.Length == 0 ? null : comm;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }
}
