namespace NetProg.Diagnostics.Tests.Sockets;

/// <summary>Reads the samples in Sockets/TestData/ (origins in its README.md), copied to the output folder.</summary>
internal static class SocketTestData
{
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sockets", "TestData", fileName));
}
