namespace NetProg.Fuzz.Tests;

/// <summary>
/// Every committed seed through its fuzz target, in-process, on every test run: a change that makes the parsers throw
/// or break a target's invariants on a known input fails here, without afl-fuzz (docs/FUZZING.md: the harnesses and a seed
/// corpus are committed). Crash inputs that fuzzing found are added to the seeds, so they are regression tests too.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string, string> Seeds()
    {
        var seeds = new TheoryData<string, string>();
        foreach (string folder in Directory.EnumerateDirectories(RepositoryPaths.Corpus).Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                seeds.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Should_run_every_seed_through_its_target_without_a_failure(string target, string seed)
    {
        // Given
        Assert.True(FuzzTargets.TryGet(target, out IFuzzTarget? fuzzTarget), $"fuzz/corpus/{target}/ names no target");
        byte[] input = File.ReadAllBytes(Path.Combine(RepositoryPaths.Corpus, target, seed));

        // When / Then: no exception, FuzzInvariantException included
        fuzzTarget.Run(input);
    }

    [Fact]
    public void Should_have_a_seed_folder_for_every_target_and_a_target_for_every_seed_folder()
    {
        var folders = Directory.EnumerateDirectories(RepositoryPaths.Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var targets = FuzzTargets.All.Select(t => t.Name);

        Assert.Equal(targets, folders);
        Assert.All(FuzzTargets.All, t => Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Corpus, t.Name))));
    }

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Should_take_empty_and_one_byte_inputs(string target)
    {
        Assert.True(FuzzTargets.TryGet(target, out IFuzzTarget? fuzzTarget));
        fuzzTarget.Run([]);
        for (int b = 0; b <= 0xFF; b++)
        {
            fuzzTarget.Run([(byte)b]);
        }
    }
}
