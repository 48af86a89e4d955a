namespace NetProg.Diagnostics.Internal;

/// <summary>Runs a helper tool (lsof, netstat) and returns its standard output, or null if it did not finish in time.</summary>
internal static class BoundedProcess
{
    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>, waits at most <paramref name="timeout"/>,
    /// and returns what it wrote to stdout regardless of its exit code (lsof exits 1 when nothing matched).
    /// Returns <see langword="null"/> when the tool is missing, fails to start or overruns; never throws.
    /// </summary>
    public static string? TryRun(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, bool requireSuccess = false)
    {
        var outcome = Run(fileName, arguments, timeout);

        // E.g. nft without root: its (empty) output would read as "no rules".
        return requireSuccess && outcome.ExitCode != 0 ? null : outcome.Output;
    }

    /// <summary>
    /// Like <see cref="TryRun"/>, but says how the tool ended (not started, killed, its exit code, both outputs), for a
    /// reason a person can act on. Never throws.
    /// </summary>
    /// <remarks>A bare name is looked for in the system's folders only (<see cref="SystemTools"/>), never along PATH.</remarks>
    public static ProcessOutcome Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        if (SystemTools.Find(fileName) is not { } path)
        {
            return new ProcessOutcome($"{fileName} is not installed in the system's folders", false, null, null, string.Empty);
        }

        try
        {
            var startInfo = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return new ProcessOutcome("no process was started", false, null, null, string.Empty);
            }

            process.StandardInput.Close();

            // Drain both pipes concurrently: a child that fills the 64 KiB stderr pipe would block forever otherwise.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();

            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                return new ProcessOutcome(null, true, null, null, string.Empty);
            }

            // A grandchild could still hold the pipe open; do not let it stretch the budget.
            var remaining = timeout - clock.Elapsed;
            var stdout = remaining > TimeSpan.Zero && output.Wait(remaining) ? output.Result : null;
            remaining = timeout - clock.Elapsed;
            var stderr = remaining > TimeSpan.Zero && error.Wait(remaining) ? error.Result : string.Empty;
            return new ProcessOutcome(null, false, process.ExitCode, stdout, stderr);
        }
        catch (Exception e)
        {
            // Win32Exception when the tool is not installed (ENOENT / ERROR_FILE_NOT_FOUND), among others.
            return new ProcessOutcome(e.Message, false, null, null, string.Empty);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception)
        {
            // It may have exited between the timeout and the kill.
        }
    }
}
