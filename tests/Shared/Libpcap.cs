namespace NetProg.Tests.Shared;

/// <summary>Whether libpcap can be loaded here: live capture, BPF filters and replayed files need it.</summary>
public static class Libpcap
{
    // Debian and Ubuntu ship libpcap.so.0.8 (package libpcap0.8), Fedora and Arch libpcap.so.1; macOS has it in the system.
    private static readonly string[] Folders =
        ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/lib64", "/lib/x86_64-linux-gnu"];

    /// <summary>The one line a test that needs libpcap says when it is missing.</summary>
    public const string Missing = "libpcap0.8 is not installed (apt-get install libpcap0.8)";

    public static bool Present =>
        OperatingSystem.IsMacOS()
        || Folders.Any(d => File.Exists(Path.Combine(d, "libpcap.so.0.8")) || File.Exists(Path.Combine(d, "libpcap.so.1")));
}
