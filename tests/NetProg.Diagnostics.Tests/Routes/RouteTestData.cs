namespace NetProg.Diagnostics.Tests.Routes;

/// <summary>Reads the samples in Routes/TestData/ (their origin is in TestData/README.md), copied to the output folder.</summary>
internal static class RouteTestData
{
    public static string Folder() => Path.Combine(AppContext.BaseDirectory, "Routes", "TestData");

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Folder(), fileName));
}
