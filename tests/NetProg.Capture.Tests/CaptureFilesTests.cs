using NetProg.Capture.Pcap;
using PacketDotNet;

namespace NetProg.Capture.Tests;

/// <summary>The files that hold captured packets: owner only, never through a symbolic link, and readable while still being written.</summary>
public sealed class CaptureFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netprog-capture-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Should_create_a_pcap_readable_by_its_owner_only_even_over_a_file_that_was_not()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows files take their folder's permissions; there is no mode to assert
        }

        // Given a file that anybody may read, where the capture goes
        var path = Path.Combine(_folder, "lab.pcap");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        // When a capture file is written there
        PcapFileWriter.Create(path, LinkLayers.Ethernet).Dispose();

        // Then it is a new, empty pcap with mode 0600
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(24, new FileInfo(path).Length);
    }

    [Fact]
    public void Should_refuse_to_write_a_capture_through_a_symbolic_link_and_leave_its_target_alone()
    {
        // Given a link at the capture's name pointing to another file
        var target = Path.Combine(_folder, "precious.txt");
        File.WriteAllText(target, "keep me");
        var link = Path.Combine(_folder, "lab.pcap");
        File.CreateSymbolicLink(link, target);

        // When
        var error = Assert.Throws<CaptureException>(() => PcapFileWriter.Create(link, LinkLayers.Ethernet));
        var flow = Assert.Throws<IOException>(() => CaptureFiles.CreatePrivate(link));

        // Then one line says why, and the target is untouched
        Assert.Equal(CaptureErrorKind.BadFile, error.Kind);
        Assert.Equal($"cannot write '{link}': it is a symbolic link, which netprog does not write captures through; give the file's own path", error.Message);
        Assert.Contains("symbolic link", flow.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public async Task Should_write_to_a_device_as_it_is_and_never_replace_it()
    {
        // Given a character device of our own (the null driver, 1:3, as /dev/null is), made in the test's folder so that a
        // failure can break nothing else; root only (mknod)
        var device = Path.Combine(_folder, "null");
        if (OperatingSystem.IsWindows() || !await MknodAsync(device))
        {
            return; // not root, or Windows: no device to make
        }

        // When a capture file is written to it
        PcapFileWriter.Create(device, LinkLayers.Ethernet).Dispose();

        // Then it is still the device (a regular file would now hold the 24-byte pcap header)
        Assert.Equal(0, new FileInfo(device).Length);
        Assert.Empty(await File.ReadAllBytesAsync(device));
    }

    [Fact]
    public void Should_have_every_flushed_frame_in_the_file_while_it_is_still_being_written()
    {
        // Given a capture file still open, with frames written and flushed
        var frames = TestData.Frames("tcp-time-v4.pcap");
        var path = Path.Combine(_folder, "live.pcap");
        using var writer = PcapFileWriter.Create(path, LinkLayers.Ethernet);
        frames.Take(3).ToList().ForEach(writer.Write);
        writer.Flush();

        // When another reader opens it (as Wireshark or tshark -r would)
        var read = PcapFileReader.Read(path).ToList();

        // Then the flushed frames are there, byte for byte
        Assert.Equal(3, read.Count);
        Assert.Equal(frames[2].Data, read[2].Data);
    }

    private static async Task<bool> MknodAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("mknod") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { path, "c", "1", "3" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var mknod = System.Diagnostics.Process.Start(start)!;
            await mknod.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return mknod.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no mknod here
        }
    }
}
