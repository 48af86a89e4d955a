using System.Diagnostics;

namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// A program run by a test: stdout and stderr captured as bytes and lines, stdin either a pipe the test writes
/// to or a file (as with <c>program &lt; file</c>). Disposing kills the process and its children if it is still
/// running, so a failing test never leaves a server behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly OutputCapture _stdout;
    private readonly OutputCapture _stderr;
    private readonly bool _stdinIsPipe;

    private ChildProcess(Process process, string displayName, bool stdinIsPipe)
    {
        _process = process;
        DisplayName = displayName;
        _stdinIsPipe = stdinIsPipe;
        _stdout = new OutputCapture(process.StandardOutput.BaseStream);
        _stderr = new OutputCapture(process.StandardError.BaseStream);
    }

    /// <summary>The command line, for messages.</summary>
    public string DisplayName { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public byte[] StdoutBytes => _stdout.Bytes;

    public string StdoutText => _stdout.Text;

    public IReadOnlyList<string> StdoutLines => _stdout.Lines;

    public IReadOnlyList<string> StderrLines => _stderr.Lines;

    public string StderrText => _stderr.Text;

    /// <summary>
    /// Starts <paramref name="fileName"/>. With <paramref name="stdinFile"/> the program reads that file as its
    /// stdin exactly as after a shell redirection (it is started through <c>/bin/sh -c 'exec "$@" &lt; file'</c>, so
    /// the process id is still the program's); otherwise stdin is a pipe written with <see cref="WriteStdinAsync(string)"/>.
    /// </summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? stdinFile = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        List<string> args = [.. arguments];
        string displayName = string.Join(' ', [Path.GetFileName(fileName), .. args]);
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdinFile is null,
            UseShellExecute = false,
        };

        if (stdinFile is null)
        {
            startInfo.FileName = fileName;
            foreach (string arg in args)
            {
                startInfo.ArgumentList.Add(arg);
            }
        }
        else
        {
            displayName += " < " + Path.GetFileName(stdinFile);
            startInfo.FileName = "/bin/sh";
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add("exec \"$@\" < \"$NETPROG_TEST_STDIN\"");
            startInfo.ArgumentList.Add("sh");
            startInfo.ArgumentList.Add(fileName);
            foreach (string arg in args)
            {
                startInfo.ArgumentList.Add(arg);
            }

            startInfo.Environment["NETPROG_TEST_STDIN"] = stdinFile;
        }

        if (environment is not null)
        {
            foreach ((string name, string value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        Process process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {displayName}");
        return new ChildProcess(process, displayName, stdinFile is null);
    }

    public Task<IReadOnlyList<Match>> WaitForStdoutLinesAsync(Regex pattern, int count, TimeSpan timeout) =>
        WaitForLinesAsync(_stdout, "stdout", pattern, count, timeout);

    public async Task<Match> WaitForStdoutLineAsync(Regex pattern, TimeSpan timeout) =>
        (await WaitForLinesAsync(_stdout, "stdout", pattern, 1, timeout))[0];

    public Task<IReadOnlyList<Match>> WaitForStderrLinesAsync(Regex pattern, int count, TimeSpan timeout) =>
        WaitForLinesAsync(_stderr, "stderr", pattern, count, timeout);

    public async Task<Match> WaitForStderrLineAsync(Regex pattern, TimeSpan timeout) =>
        (await WaitForLinesAsync(_stderr, "stderr", pattern, 1, timeout))[0];

    public async Task WriteStdinAsync(byte[] bytes)
    {
        EnsureStdinIsPipe();
        await _process.StandardInput.BaseStream.WriteAsync(bytes);
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    public Task WriteStdinAsync(string text) => WriteStdinAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Closes the stdin pipe: the program reads end of file.</summary>
    public void CloseStdin()
    {
        EnsureStdinIsPipe();
        _process.StandardInput.Close();
    }

    /// <summary>Sends a signal with <c>kill -s NAME PID</c>.</summary>
    public async Task SendSignalAsync(UnixSignal signal)
    {
        string name = signal switch { UnixSignal.Int => "INT", UnixSignal.Term => "TERM", _ => "KILL" };
        using ChildProcess kill = Start("kill", ["-s", name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        int code = await kill.WaitForExitAsync(TimeSpan.FromSeconds(10));
        if (code != 0)
        {
            throw new InvalidOperationException($"kill -s {name} {Id} failed ({code}): {kill.StderrText}");
        }
    }

    /// <summary>
    /// Waits until the program exited and its stdout and stderr were read to the end, then returns the exit code.
    /// Throws <see cref="TimeoutException"/> (with everything the program printed) if that takes longer than
    /// <paramref name="timeout"/>; the process is then killed by <see cref="Dispose"/>.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            await Task.WhenAll(_stdout.Completion, _stderr.Completion).WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{DisplayName} did not exit within {timeout.TotalSeconds:0.#} s.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Everything known about the run, for assertion messages.</summary>
    public string Describe()
    {
        string exit = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
        return $"--- {DisplayName} (pid {Id}, {exit})\n--- stdout:\n{Truncate(_stdout.Text)}\n--- stderr:\n{Truncate(_stderr.Text)}\n---";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        _process.Dispose();
    }

    private static string Truncate(string text) =>
        text.Length <= 4000 ? text : string.Concat(text.AsSpan(0, 4000), $"... ({text.Length} chars in all)");

    private async Task<IReadOnlyList<Match>> WaitForLinesAsync(
        OutputCapture capture, string streamName, Regex pattern, int count, TimeSpan timeout)
    {
        try
        {
            return await capture.WaitForLinesAsync(pattern, count, timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"{DisplayName}: fewer than {count} {streamName} line(s) matching /{pattern}/ within {timeout.TotalSeconds:0.#} s.\n{Describe()}");
        }
        catch (EndOfStreamException e)
        {
            // Let the exit status show up in the message when the program died early.
            _process.WaitForExit(2000);
            throw new EndOfStreamException($"{DisplayName}: {streamName}: {e.Message}.\n{Describe()}", e);
        }
    }

    private void EnsureStdinIsPipe()
    {
        if (!_stdinIsPipe)
        {
            throw new InvalidOperationException($"{DisplayName} reads its stdin from a file");
        }
    }
}
