namespace NetProg.Windows.Tests;

/// <summary>One publish, one Wine prefix and one build of the course's C programs for every Windows test.</summary>
[CollectionDefinition(Name)]
public sealed class WindowsCollection : ICollectionFixture<WindowsBuild>, ICollectionFixture<CourseC>
{
    public const string Name = "Windows under Wine";
}
