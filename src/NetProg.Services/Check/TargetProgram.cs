using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NetProg.Services.Check;

/// <summary>
/// A program netprog starts to check it: in a process group of its own (on Linux through <c>setsid(1)</c>, so the
/// children a fork server makes are stopped with it), stdout and stderr captured within bounds, stdin written and
/// closed on demand, and stopped at the end with SIGTERM to the whole group, then SIGKILL after a grace period, so no
/// process is left behind. (Only a SIGKILL of netprog itself can orphan it: setsid leaves no parent-death signal.)
/// </summary>
public sealed partial class TargetProgram : IAsyncDisposable
{
    /// <summary>How much of each output stream is kept (beyond that it is only counted).</summary>
    public const int MaxOutputBytes = 1 << 20;

    private const int SigTerm = 15;
    private const int SigKill = 9;
    private static readonly TimeSpan ReaderDrain = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly bool _ownGroup;
    private readonly Task _readers;
    private int _stopped;

    private TargetProgram(Process process, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
        ProcessId = process.Id;
        _readers = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, Stdout),
            PumpAsync(process.StandardError.BaseStream, Stderr));
    }

    public int ProcessId { get; }

    public CapturedOutput Stdout { get; } = new();

    public CapturedOutput Stderr { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The exit code once it exited. On Unix .NET reports a process killed by signal N as 128 + N (so exit(139) and a
    /// SIGSEGV look the same; <see cref="Signal"/> reads it as the signal, the usual case for a C program).
    /// </summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The signal that ended it (Unix, exit code 129-159), or null.</summary>
    public int? Signal => !OperatingSystem.IsWindows() && ExitCode is > 128 and < 160 ? ExitCode - 128 : null;

    /// <summary>True once <see cref="StopAsync"/> was called: an exit after that is netprog's doing, not a crash.</summary>
    public bool StoppedByNetprog => Volatile.Read(ref _stopped) != 0;

    /// <summary>
    /// Starts <paramref name="fileName"/>, a path such as <c>./echo_server</c> (the CLI resolves a bare name on PATH first).
    /// Throws <see cref="CheckException"/> with one line saying why it could not be started.
    /// </summary>
    public static TargetProgram Start(string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var setsid = OperatingSystem.IsLinux() ? FindSetsid() : null;
        var startInfo = new ProcessStartInfo(setsid ?? fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        if (setsid is not null)
        {
            startInfo.ArgumentList.Add("--");
            if (DefaultSignalEnv.Value is { } env)
            {
                // The .NET runtime ignores SIGPIPE in its own process, and an ignored signal stays ignored across fork and
                // execve (signal(7)): started as it is, a server that dies of SIGPIPE from a shell would survive here and
                // abrupt-close would pass it. env --default-signal (coreutils 8.31) restores the default before the exec.
                startInfo.ArgumentList.Add(env);
                startInfo.ArgumentList.Add("--default-signal=PIPE");
            }

            startInfo.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (setsid is not null)
        {
            // setsid would start and then exit 126 or 127; say it as a shell would. The CLI has resolved a bare name on PATH.
            if (!File.Exists(fileName))
            {
                throw new CheckException(string.Format(CultureInfo.CurrentCulture, CheckText.Program_NotFound, fileName));
            }

            if (OperatingSystem.IsLinux() && (File.GetUnixFileMode(fileName) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            {
                throw new CheckException(string.Format(CultureInfo.CurrentCulture, CheckText.Program_NotExecutable, fileName));
            }
        }

        try
        {
            var process = Process.Start(startInfo) ?? throw new CheckException(string.Format(CultureInfo.CurrentCulture, CheckText.Program_NotStarted, fileName, "no process"));
            return new TargetProgram(process, setsid is not null);
        }
        catch (Win32Exception e)
        {
            throw new CheckException(string.Format(CultureInfo.CurrentCulture, CheckText.Program_NotStarted, fileName, e.Message), e);
        }
    }

    /// <summary>Writes to the program's stdin; false when it no longer reads it (exited, or closed it).</summary>
    public async Task<bool> WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.BaseStream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Ends the program's stdin (what Ctrl+D or the end of a redirected file gives).</summary>
    public void CloseStdin()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited and the pipe is broken: its stdin is as closed as it gets.
        }
    }

    /// <summary>Waits at most <paramref name="timeout"/> for the program to exit; true if it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// The processes of the program: itself and, on Linux, every process of its group (a fork server's children, which
    /// hold the accepted sockets). Elsewhere only itself.
    /// </summary>
    public IReadOnlyList<int> ProcessIds()
    {
        if (!_ownGroup || !OperatingSystem.IsLinux())
        {
            return _process.HasExited ? [] : [ProcessId];
        }

        var ids = new List<int>();
        foreach (var directory in SafeEnumerate("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessGroupOf(pid) == ProcessId)
            {
                ids.Add(pid);
            }
        }

        ids.Sort();
        return ids;
    }

    /// <summary>
    /// Stops the program and everything it started: SIGTERM to its group (Windows: the process tree is killed at once, it
    /// has no SIGTERM), SIGKILL to whatever is left after <paramref name="grace"/>, then waits for its output to end.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Interlocked.Exchange(ref _stopped, 1);
        if (OperatingSystem.IsWindows())
        {
            KillTree();
        }
        else
        {
            SignalGroup(SigTerm);
            if (!await WaitForExitAsync(grace, CancellationToken.None).ConfigureAwait(false))
            {
                SignalGroup(SigKill);
            }

            // The parent may have gone on SIGTERM while a child (a fork server's, busy in a loop) ignores it.
            SignalGroup(SigKill);
            KillTree();
        }

        await WaitForExitAsync(grace, CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _readers.WaitAsync(ReaderDrain).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild outside the group kept a pipe open; the output so far is what the report shows.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!StoppedByNetprog || !_process.HasExited)
        {
            await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static async Task PumpAsync(Stream stream, CapturedOutput output)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                output.Append(buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            output.End();
        }
    }

    private void SignalGroup(int signal)
    {
        if (_ownGroup)
        {
            // kill(2) with a negative pid signals the whole process group; ESRCH (nobody left) is fine.
            _ = Kill(-ProcessId, signal);
        }
        else if (!_process.HasExited)
        {
            _ = Kill(ProcessId, signal);
        }
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Access denied to a child that changed user; the group signal above covered Unix.
        }
    }

    private static int? ProcessGroupOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            var fields = stat[(end + 2)..].Split(' ');
            return fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group) ? group : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SafeEnumerate(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>GNU env when it knows <c>--default-signal</c> (coreutils 8.31 and later), asked once; null otherwise.</summary>
    private static readonly Lazy<string?> DefaultSignalEnv = new(() =>
    {
        var env = new[] { "/usr/bin/env", "/bin/env" }.FirstOrDefault(File.Exists);
        if (env is null)
        {
            return null;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo(env, ["--default-signal=PIPE", "true"])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            return probe is not null && probe.WaitForExit(TimeSpan.FromSeconds(5)) && probe.ExitCode == 0 ? env : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    });

    private static string? FindSetsid() =>
        new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
