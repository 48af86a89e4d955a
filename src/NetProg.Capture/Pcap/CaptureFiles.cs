using System.Security.Cryptography;

namespace NetProg.Capture.Pcap;

/// <summary>
/// Creates the files that hold captured packets (pcap, the flow graph): readable by their owner only, because packets carry
/// other programs' data (the lab's login echo sends passwords in clear text), given to the user who ran sudo when asked,
/// and never through a symbolic link, so that a link planted at the name (in /tmp, say) cannot make a root capture
/// overwrite the file it points to.
/// </summary>
public static class CaptureFiles
{
    private const int Attempts = 8;

    /// <summary>
    /// A new file for <paramref name="path"/>, created with O_CREAT|O_EXCL (mode 0600 on Unix; Windows: the folder's inherited
    /// permissions), so that nothing planted at the name is ever opened. A whole file (<paramref name="inPlace"/> false, the
    /// flow graph) is written under a temporary name beside the target and renamed over it by <see cref="OutputFile.Commit"/>:
    /// a failed write leaves the old file alone. A growing file (<paramref name="inPlace"/> true, the pcap) is created at the
    /// name itself, so that Wireshark can open it while the capture runs and a killed capture keeps every packet shown.
    /// Either way a regular file or a symbolic link at the name is replaced (a link's target is never touched); a FIFO or a
    /// character device (<c>/dev/null</c>, a pipe to Wireshark) is written where it is; a link to one, a folder, a block
    /// device or a socket is refused.
    /// </summary>
    /// <param name="path">The file asked for.</param>
    /// <param name="owner">Unix: give the new file to this user (chown(2), root only); a FIFO or a device keeps its owner. Default: whoever runs.</param>
    /// <param name="bufferSize">The stream's buffer.</param>
    /// <param name="inPlace">Create the file at its name rather than under a temporary one.</param>
    /// <exception cref="IOException">The name cannot be written as said, or the file cannot be created.</exception>
    public static OutputFile Create(string path, FileOwner? owner = null, int bufferSize = 64 * 1024, bool inPlace = false)
    {
        var full = Path.GetFullPath(path);
        if (!OperatingSystem.IsWindows())
        {
            var existing = UnixFiles.Status(full, followLinks: false);
            if (existing is { IsSymbolicLink: true } && UnixFiles.Status(full, followLinks: true) is { IsRegular: false })
            {
                // /dev/stdout is such a link: replacing it as root would break every script on the machine, and writing
                // through it would follow a link (to /dev/mem, if somebody planted that one).
                throw new IOException(Strings.Error_LinkToDevice);
            }

            if (existing is { IsStreamDevice: true } device)
            {
                return new OutputFile(OpenInPlace(full, device), path, partialPath: null);
            }

            if (existing is { IsRegular: false, IsSymbolicLink: false })
            {
                throw new IOException(Strings.Error_NotAFile);
            }
        }

        return inPlace ? CreateAt(full, path, owner, bufferSize) : CreateBeside(full, path, owner, bufferSize);
    }

    /// <summary>
    /// True when both names exist and are one file (the same device and inode, or volume and file index), whatever the names:
    /// a hard link, a symbolic link, another letter case, <c>./</c> or <c>../</c>. Links are followed.
    /// </summary>
    public static bool SameFile(string first, string second)
    {
        try
        {
            var (a, b) = OperatingSystem.IsWindows()
                ? (WindowsFiles.Status(first), WindowsFiles.Status(second))
                : (UnixFiles.Status(first, followLinks: true), UnixFiles.Status(second, followLinks: true));
            return a is { } x && b is { } y && x.SameFileAs(y);
        }
        catch (IOException)
        {
            // Cannot be looked at (a loop of links, a folder on the way not searchable): not knowably the same; opening it
            // later says what is wrong.
            return false;
        }
    }

    /// <summary>
    /// Opens the FIFO or device <paramref name="expected"/> describes, without truncating it, and checks that what was opened
    /// is that very file: a link swapped in between lstat and open would have been followed, so it is refused before a byte
    /// is written.
    /// </summary>
    private static FileStream OpenInPlace(string path, FileStatus expected)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        try
        {
            if (!OperatingSystem.IsWindows() && !UnixFiles.Status(stream.SafeFileHandle).SameFileAs(expected))
            {
                throw new IOException(Strings.Error_Replaced);
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes what is at the name (unlink(2): a symbolic link itself, never its target; only a regular file or a link get
    /// here), then creates the file there with O_CREAT|O_EXCL. Something planted in between makes the create fail, never
    /// followed; it is removed and the create tried again, a few times.
    /// </summary>
    private static OutputFile CreateAt(string full, string path, FileOwner? owner, int bufferSize)
    {
        var options = NewFileOptions(bufferSize);
        for (var attempt = 1; ; attempt++)
        {
            File.Delete(full); // No error when nothing is there.
            FileStream stream;
            try
            {
                stream = new FileStream(full, options);
            }
            catch (IOException) when (attempt < Attempts && new FileInfo(full) is { Exists: true } or { LinkTarget: not null })
            {
                continue;
            }

            return Owned(new OutputFile(stream, path, partialPath: null), owner);
        }
    }

    private static FileStreamOptions NewFileOptions(int bufferSize)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static OutputFile Owned(OutputFile file, FileOwner? owner)
    {
        try
        {
            if (owner is { } user && !OperatingSystem.IsWindows())
            {
                UnixFiles.ChangeOwner(file.Stream.SafeFileHandle, user);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static OutputFile CreateBeside(string full, string path, FileOwner? owner, int bufferSize)
    {
        var options = NewFileOptions(bufferSize);
        for (var attempt = 1; ; attempt++)
        {
            // O_CREAT|O_EXCL (FileMode.CreateNew) fails on anything already at the name, a link included (open(2)): the
            // temporary name cannot be planted either, only collide, and then another is drawn.
            var partial = $"{full}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.part";
            FileStream stream;
            try
            {
                stream = new FileStream(partial, options);
            }
            catch (IOException) when (attempt < Attempts && new FileInfo(partial) is { Exists: true } or { LinkTarget: not null })
            {
                continue;
            }

            return Owned(new OutputFile(stream, path, partial), owner);
        }
    }
}
