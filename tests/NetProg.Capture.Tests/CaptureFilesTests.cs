using NetProg.Capture.Pcap;
using PacketDotNet;

namespace NetProg.Capture.Tests;

/// <summary>The files that hold captured packets: owner only, never through a symbolic link, a pcap readable while still being written, a flow graph under its name only once complete.</summary>
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
        using (var writer = PcapFileWriter.Create(path, LinkLayers.Ethernet))
        {
            writer.Commit();
        }

        // Then it is a new, empty pcap with mode 0600
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(24, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Should_refuse_a_symbolic_link_to_a_device_rather_than_write_through_it_or_replace_it()
    {
        // Given a link at the capture's name pointing to a character device (as /dev/stdout points to the terminal: replacing
        // it as root would break every script on the machine, writing through it would follow a link); root only (mknod)
        var device = Path.Combine(_folder, "null");
        if (OperatingSystem.IsWindows() || !await ProcessRunner.SucceedsAsync("mknod", device, "c", "1", "3"))
        {
            Console.WriteLine("skipped: making a device (mknod) needs root on Unix");
            return;
        }

        var link = Path.Combine(_folder, "lab.pcap");
        File.CreateSymbolicLink(link, device);

        // When
        var error = Assert.Throws<CaptureException>(() => PcapFileWriter.Create(link, LinkLayers.Ethernet));

        // Then one line says why and what to do, the link is still there, and nothing else was made
        Assert.Equal(CaptureErrorKind.BadFile, error.Kind);
        Assert.Equal($"cannot write '{link}': it is a symbolic link to a device, a pipe or a folder, which netprog neither writes through nor replaces; give the name of the device itself, or of a file", error.Message);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(2, Directory.GetFileSystemEntries(_folder).Length);
    }

    [Fact]
    public async Task Should_write_to_a_device_as_it_is_and_never_replace_it()
    {
        // Given a character device of our own (the null driver, 1:3, as /dev/null is), made in the test's folder so that a
        // failure can break nothing else; root only (mknod)
        var device = Path.Combine(_folder, "null");
        if (OperatingSystem.IsWindows() || !await ProcessRunner.SucceedsAsync("mknod", device, "c", "1", "3"))
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

        // When another reader opens it by its name (as Wireshark or tshark -r would)
        var read = PcapFileReader.Read(path).ToList();

        // Then the flushed frames are there, byte for byte, and the file is the only one in its folder
        Assert.Equal(3, read.Count);
        Assert.Equal(frames[2].Data, read[2].Data);
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));

        // And once committed, it holds every frame
        frames.Skip(3).ToList().ForEach(writer.Write);
        writer.Commit();
        Assert.Equal(frames.Count, PcapFileReader.Read(path).Count());
    }

    [Fact]
    public void Should_write_a_whole_file_under_a_temporary_name_and_give_it_its_name_only_on_commit()
    {
        // Given an older flow graph at the name
        var path = Path.Combine(_folder, "lab.html");
        File.WriteAllText(path, "yesterday's graph");

        // When a whole file is written but not yet committed
        using (var file = CaptureFiles.Create(path))
        {
            file.Stream.Write("today's"u8);
            file.Stream.Flush();

            // Then the old file is untouched, and the new one sits beside it under a temporary name
            Assert.Equal("yesterday's graph", File.ReadAllText(path));
            Assert.Matches(@"^lab\.html\.[0-9a-f]{8}\.part$", Path.GetFileName(file.PartialPath!));
            Assert.True(File.Exists(file.PartialPath));
        }

        // And dropped without a commit, it is gone and the old file stays
        Assert.Equal("yesterday's graph", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }
}
