using System.IO.Compression;

namespace NetProg.Integration.Tests.Capture;

/// <summary>What the live capture tests need: root and libpcap (they say so when missing), and helpers to read results.</summary>
internal static partial class CaptureLab
{
    /// <summary>Why live capture cannot run here, or null when it can.</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "live capture tests run on Linux (CI)";
        }

        if (Environment.UserName != "root")
        {
            return "capturing packets needs root (CI runs as root)";
        }

        return Libpcap.Present ? null : Libpcap.Missing;
    }

    /// <summary>Starts <c>netprog capture ARGS</c> and waits until libpcap is capturing (its <c>capturing on</c> line).</summary>
    public static async Task<ChildProcess> StartCaptureAsync(params string[] arguments)
    {
        var capture = NetProgApp.Start(["capture", .. arguments]);
        try
        {
            await capture.WaitForStderrLineAsync(CapturingLine(), NetProgApp.StartTimeout);
            return capture;
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }

    /// <summary>The packet lines of a capture's stdout (the follow-stream section after them is left out).</summary>
    public static List<string> PacketLines(ChildProcess capture) => [.. capture.StdoutLines.Where(l => PacketLine().IsMatch(l))];

    /// <summary>The TCP flags of each packet line as a byte (FIN 1, SYN 2, RST 4, PSH 8, ACK 16), or null for a packet that is not TCP.</summary>
    public static int? Flags(string line)
    {
        var match = FlagsRegex().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var bits = 0;
        foreach (var name in match.Groups[1].Value.Split(", "))
        {
            bits |= name switch { "FIN" => 1, "SYN" => 2, "RST" => 4, "PSH" => 8, "ACK" => 16, "URG" => 32, "ECE" => 64, "CWR" => 128, _ => 0 };
        }

        return bits;
    }

    /// <summary>
    /// True when a PNG holds more than one colour: its pixel data (the inflated IDAT chunks, filter bytes included) has many
    /// distinct byte values. A blank page gives a handful (white, and the filter type bytes).
    /// </summary>
    public static bool HasManyColours(string png)
    {
        var bytes = File.ReadAllBytes(png);
        var idat = new MemoryStream();
        for (var at = 8; at + 8 <= bytes.Length;)
        {
            var length = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(bytes, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        var seen = new HashSet<byte>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = inflate.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                seen.Add(buffer[i]);
            }
        }

        return seen.Count > 32;
    }

    [GeneratedRegex(@"^capturing on \S+")]
    public static partial Regex CapturingLine();

    [GeneratedRegex(@"^\s*\d+\.\d{6} \S+ -> \S+ ")]
    private static partial Regex PacketLine();

    [GeneratedRegex(@" TCP \[([A-Z, ]+)\] ")]
    private static partial Regex FlagsRegex();
}
