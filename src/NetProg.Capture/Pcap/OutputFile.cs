namespace NetProg.Capture.Pcap;

/// <summary>
/// A capture file being written: a whole file (the flow graph) under a temporary name beside its target until
/// <see cref="Commit"/> renames it over the target, so a write that fails never leaves half a file under the real name
/// and never truncates what was there; a growing file (the pcap), a FIFO or a character device where it is
/// (<see cref="CaptureFiles.Create"/>).
/// </summary>
/// <remarks>
/// rename(2) replaces the target name itself, whatever it is: a symbolic link planted there is replaced, not followed, and
/// the file it points to is left alone (POSIX rename: "If the link named by the new argument exists, it shall be removed").
/// A flow graph killed outright (SIGKILL, a power cut) leaves its temporary file, <c>NAME.XXXXXXXX.part</c>; a pcap keeps
/// every packet flushed so far under its own name.
/// </remarks>
public sealed class OutputFile : IDisposable
{
    private bool _committed;
    private bool _disposed;

    internal OutputFile(FileStream stream, string path, string? partialPath)
    {
        Stream = stream;
        Path = path;
        PartialPath = partialPath;
    }

    /// <summary>Where the bytes go until <see cref="Commit"/>.</summary>
    public FileStream Stream { get; }

    /// <summary>The file asked for.</summary>
    public string Path { get; }

    /// <summary>The temporary name written to until <see cref="Commit"/>; null for a file written where it is.</summary>
    public string? PartialPath { get; }

    /// <summary>
    /// Puts the file in place: its bytes reach the disk (fsync, so that a crash right after the rename cannot leave an empty
    /// file under the name: rename(2) is atomic for the name, not for the data), then the temporary file is renamed over the
    /// target. Closes the stream.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written or renamed (a full disk, the target a folder); the temporary file is removed.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            return;
        }

        try
        {
            if (PartialPath is null)
            {
                Stream.Flush();
                Stream.Dispose();
            }
            else
            {
                Stream.Flush(flushToDisk: true);
                Stream.Dispose();
                File.Move(PartialPath, Path, overwrite: true);
            }

            _committed = true;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Closes the file; a temporary file never committed is removed (its target is left as it was); a file written in place keeps what reached it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Stream.Dispose();
        }
        catch (IOException)
        {
            // The last buffered bytes could not be written (a full disk): the file is dropped below anyway.
        }

        if (!_committed && PartialPath is not null)
        {
            try
            {
                File.Delete(PartialPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the name is ours (NAME.XXXXXXXX.part), and the target was never touched.
            }
        }
    }
}
