namespace NetProg.Capture.Pcap;

/// <summary>
/// Creates the files that hold captured packets (pcap, the flow graph): readable by their owner only, because packets carry
/// other programs' data (the lab's login echo sends passwords in clear text), and never through a symbolic link, so that a
/// link planted at the name (in /tmp, say) cannot make a root capture overwrite the file it points to.
/// </summary>
public static class CaptureFiles
{
    /// <summary>
    /// A new file at <paramref name="path"/>, mode 0600 on Unix (Windows: the folder's inherited permissions). A regular file
    /// already there is replaced (unlinked, then created anew with O_CREAT|O_EXCL, which fails on a link that appears in
    /// between: POSIX open(2)); a symbolic link is refused; a FIFO or device (<c>/dev/null</c>, a pipe to Wireshark) is
    /// written to as it is.
    /// </summary>
    /// <exception cref="IOException">The name is a symbolic link, or the file cannot be created.</exception>
    public static FileStream CreatePrivate(string path, int bufferSize = 64 * 1024)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new IOException(Strings.Error_SymbolicLink);
        }

        if (File.Exists(path))
        {
            // Only a regular file may be replaced: deleting /dev/null as root breaks the machine, and a device is seekable, so
            // CanSeek cannot tell. Truncation can: ftruncate(2) fails with EINVAL on anything but a regular file (and a FIFO
            // cannot seek at all).
            var existing = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            if (!IsRegular(existing))
            {
                return existing;
            }

            existing.Dispose();
            File.Delete(path);
        }

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

        return new FileStream(path, options);
    }

    private static bool IsRegular(FileStream stream)
    {
        try
        {
            stream.SetLength(0);
            return true;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
