namespace NetProg.Integration.Tests.Harness;

/// <summary>Assertions about what a user sees from a finished (or running) process.</summary>
public static partial class OutputAssert
{
    /// <summary>The contract: errors are one line, never a .NET stack trace (<c>   at Namespace.Type.Method(...)</c>).</summary>
    public static void NoStackTrace(ChildProcess process)
    {
        string? frame = process.StderrLines.Concat(process.StdoutLines).FirstOrDefault(line => StackFrame().IsMatch(line));
        Assert.True(frame is null, $"stack trace line '{frame}' in the output of {process.DisplayName}\n{process.Describe()}");
    }

    /// <summary>The non-empty stderr lines, asserting there is exactly one, which is returned.</summary>
    public static string SingleErrorLine(ChildProcess process)
    {
        string[] lines = [.. process.StderrLines.Where(line => line.Trim().Length > 0)];
        Assert.True(lines.Length == 1, $"expected exactly one stderr line, got {lines.Length}\n{process.Describe()}");
        return lines[0];
    }

    /// <summary>Exit code with the whole output in the failure message.</summary>
    public static async Task ExitsWithAsync(ChildProcess process, int expected, TimeSpan? timeout = null)
    {
        int code = await process.WaitForExitAsync(timeout ?? Waits.Exit);
        Assert.True(code == expected, $"expected exit code {expected}, got {code}\n{process.Describe()}");
    }

    /// <summary>Byte-for-byte equality, reporting the first difference instead of two megabytes of hex.</summary>
    public static void SameBytes(byte[] expected, byte[] actual, ChildProcess process)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        int first = expected.AsSpan().CommonPrefixLength(actual);
        Assert.Fail($"{process.DisplayName}: got {actual.Length} bytes, expected {expected.Length}; first difference at offset {first}\n" +
                    $"--- stderr:\n{process.StderrText}");
    }

    [GeneratedRegex(@"^\s+at \S+.*\(")]
    private static partial Regex StackFrame();
}
