namespace NetProg.Diagnostics.Tests;

/// <summary>Reads the samples in TestData/ (their origin is in TestData/README.md).</summary>
internal static class TestData
{
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName));
}
