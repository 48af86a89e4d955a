namespace NetProg.Integration.Tests.Harness;

/// <summary>
/// The course's C programs (course-c/*.c, copied next to the tests), compiled once per test class with
/// <c>gcc -Wall -Werror -O2</c> into a temporary folder. Without gcc every test that needs them fails with a message
/// that says so.
/// </summary>
public partial class CourseC : IAsyncLifetime
{
    private readonly string[] _sourceFolders;

    private static readonly TimeSpan CompileTimeout = TimeSpan.FromSeconds(60);
    private readonly string _outputDirectory =
        Path.Combine(Path.GetTempPath(), "netprog-course-c-" + Guid.NewGuid().ToString("N"));

    private string? _error;

    public CourseC()
        : this("course-c")
    {
    }

    /// <summary>Compiles every <c>*.c</c> of <paramref name="sourceFolders"/> (folders next to the tests) into one folder.</summary>
    protected CourseC(params string[] sourceFolders) => _sourceFolders = sourceFolders;

    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "course-c");

    public virtual async Task InitializeAsync()
    {
        string? gcc = ExecutableSearch.Find("gcc");
        if (gcc is null)
        {
            _error = "gcc was not found on PATH, so the course's C programs cannot be compiled; install it " +
                     "(Debian/Ubuntu: apt-get install gcc) to run the interop tests against them.";
            return;
        }

        string[] folders = _sourceFolders.Select(f => Path.Combine(AppContext.BaseDirectory, f)).ToArray();
        string[] sources = folders.Where(Directory.Exists).SelectMany(f => Directory.GetFiles(f, "*.c")).ToArray();
        if (sources.Length == 0)
        {
            _error = $"no C sources in {string.Join(", ", folders)} (the project copies them to the output folder)";
            return;
        }

        Directory.CreateDirectory(_outputDirectory);
        string[] errors = await Task.WhenAll(sources.Select(source => CompileAsync(gcc, source)));
        string failures = string.Concat(errors);
        if (failures.Length > 0)
        {
            _error = "compiling the course's C programs failed:\n" + failures;
        }
    }

    public virtual Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>The path of a compiled program, e.g. <c>time_server</c>; throws the compile error if there is one.</summary>
    public string PathOf(string program)
    {
        if (_error is not null)
        {
            throw new InvalidOperationException(_error);
        }

        string path = Path.Combine(_outputDirectory, program);
        return File.Exists(path) ? path : throw new FileNotFoundException($"no course program named {program}", path);
    }

    public ChildProcess Start(string program, params string[] arguments) =>
        ChildProcess.Start(PathOf(program), arguments);

    /// <summary>
    /// Starts a course server on port 0 and waits for its <c>port N</c> line and its first
    /// <c>waiting connection request.</c> / <c>Waiting</c> line, i.e. until it blocks in accept or recvfrom.
    /// </summary>
    public async Task<(ChildProcess Process, int Port)> StartServerAsync(string program)
    {
        ChildProcess process = Start(program, "0");
        try
        {
            Match port = await process.WaitForStdoutLineAsync(PortLine(), TimeSpan.FromSeconds(10));
            await process.WaitForStdoutLineAsync(WaitingLine(), TimeSpan.FromSeconds(10));
            return (process, int.Parse(port.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    private async Task<string> CompileAsync(string gcc, string source)
    {
        string output = Path.Combine(_outputDirectory, Path.GetFileNameWithoutExtension(source));
        using ChildProcess compiler = ChildProcess.Start(gcc, ["-Wall", "-Werror", "-O2", "-o", output, source]);
        int code = await compiler.WaitForExitAsync(CompileTimeout);
        return code == 0 ? string.Empty : $"{compiler.DisplayName}: exit code {code}\n{compiler.StderrText}\n";
    }

    [GeneratedRegex(@"^port (\d+)$")]
    private static partial Regex PortLine();

    [GeneratedRegex(@"(waiting connection request\.|^Waiting)$")]
    private static partial Regex WaitingLine();
}
