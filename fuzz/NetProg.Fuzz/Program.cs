using NetProg.Fuzz;
using SharpFuzz;

// netprog's fuzz harness. Under afl-fuzz (fuzz/run.sh): `NetProg.Fuzz <target>` serves inputs through SharpFuzz's fork
// server. By hand: `NetProg.Fuzz <target> <file|dir>...` replays inputs once each and prints the first failure's stack,
// which is how a crash from fuzz/findings/ is reproduced; `--list` names the targets.
const int MaxInput = 1 << 20; // afl-fuzz's default -G: no input is longer

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: NetProg.Fuzz --list | <target> [file|dir...]");
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "--list")
{
    foreach (IFuzzTarget each in FuzzTargets.All)
    {
        Console.WriteLine($"{each.Name,-18} {each.Description}");
    }

    return 0;
}

if (!FuzzTargets.TryGet(args[0], out IFuzzTarget? target))
{
    Console.Error.WriteLine($"NetProg.Fuzz: no target '{args[0]}'; the targets are {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}.");
    return 2;
}

if (args.Length == 1)
{
    // OutOfProcess: the inputs run in a child process, so even a StackOverflowException, which no catch can stop,
    // is reported to afl-fuzz as a crash of that input instead of killing the fork server.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory, 81920);
        ReadOnlySpan<byte> input = memory.GetBuffer().AsSpan(0, (int)Math.Min(memory.Length, MaxInput));
        target.Run(input);
    });
    return 0;
}

// Replay: every input once, in file name order; an exception (an invariant included) is printed with its stack,
// because that is what a developer reproducing a finding needs.
int failures = 0;
int count = 0;
foreach (string path in args.Skip(1).SelectMany(Inputs))
{
    byte[] input;
    try
    {
        input = File.ReadAllBytes(path);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"NetProg.Fuzz: cannot read {path}: {e.Message}");
        return 2;
    }

    count++;
    try
    {
        target.Run(input);
    }
    catch (Exception e)
    {
        failures++;
        Console.WriteLine($"{path}: {e}");
    }
}

Console.WriteLine($"{target.Name}: {count} inputs, {failures} failed");
return failures == 0 ? 0 : 1;

// A folder stands for every file under it, in ordinal name order (afl-fuzz's id:000000,... order).
static IEnumerable<string> Inputs(string path) =>
    Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [path];
