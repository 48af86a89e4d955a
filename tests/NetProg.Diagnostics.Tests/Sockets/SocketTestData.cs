using System.Runtime.CompilerServices;

namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>
/// Reads the samples in Sockets/TestData/ (origins in its README.md) from the source tree: the project copies only
/// the top-level TestData/ folder to the output.
/// </summary>
internal static class SocketTestData
{
    public static string Read(string fileName, [CallerFilePath] string callerFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(callerFile)!, "TestData", fileName));
}
