namespace NetProg.Cli.Tests;

/// <summary>Tests that run netprog in another UI language: one at a time, after the others (the UI culture is process-wide).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UiLanguageCollection
{
    public const string Name = "UI language";
}
