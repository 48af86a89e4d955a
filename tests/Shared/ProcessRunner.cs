using System.Diagnostics;

namespace NetProg.Tests.Shared;

/// <summary>Runs a program to completion within a deadline, capturing its output; on timeout it is killed and the test told why.</summary>
public static class ProcessRunner
{
    /// <summary>True when <paramref name="fileName"/> ran and exited 0 within 10 s; false when it failed or is not installed.</summary>
    public static async Task<bool> SucceedsAsync(string fileName, params string[] arguments)
    {
        try
        {
            return (await RunAsync(fileName, arguments, TimeSpan.FromSeconds(10))).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed here
        }
    }

    /// <summary>A file's "uid:gid mode" as stat(1) prints it (GNU), not as the code under test reads it.</summary>
    public static async Task<string> OwnerAndModeAsync(string path) =>
        (await RunAsync("stat", ["-c", "%u:%g %a", path], TimeSpan.FromSeconds(10))).Output;

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s");
        }

        // pg_ctl start leaves the server running with our pipes inherited only if not redirected by -l; bound the read anyway.
        var output = await Task.WhenAll(stdout, stderr).WaitAsync(timeout);
        return (process.ExitCode, (output[0] + output[1]).Trim());
    }
}
