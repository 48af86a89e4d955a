using System.Runtime.CompilerServices;

namespace NetProg.Diagnostics.Tests.Routes;

/// <summary>
/// Reads the samples in Routes/TestData/ next to this source file (their origin is in TestData/README.md).
/// The project copies only its top-level TestData/ to the output, so these are read from the source tree.
/// </summary>
internal static class RouteTestData
{
    public static string Folder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "TestData");

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Folder(), fileName));
}
