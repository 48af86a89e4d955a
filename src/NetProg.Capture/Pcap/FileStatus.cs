namespace NetProg.Capture.Pcap;

/// <summary>
/// What a path names, told apart the way the kernel does: the file's identity (the device holding it and its inode on Unix,
/// stat(2); the volume serial number and file index on Windows, GetFileInformationByHandle) and its type. Two names with
/// the same identity are one file: a hard link, a symbolic link, another letter case on a case-insensitive disk.
/// </summary>
/// <param name="Device">st_dev (Linux: major and minor, high and low 32 bits); Windows: the volume serial number.</param>
/// <param name="Inode">st_ino; Windows: the file index.</param>
/// <param name="Type">The S_IFMT bits of st_mode (the same numbers on Linux and macOS, sys/stat.h); Windows: always a regular file.</param>
internal readonly record struct FileStatus(ulong Device, ulong Inode, int Type)
{
    public const int TypeMask = 0xF000;
    public const int Fifo = 0x1000;
    public const int CharacterDevice = 0x2000;
    public const int Directory = 0x4000;
    public const int Regular = 0x8000;
    public const int SymbolicLink = 0xA000;

    public bool IsRegular => Type == Regular;

    public bool IsSymbolicLink => Type == SymbolicLink;

    /// <summary>A FIFO (mkfifo, a pipe to Wireshark) or a character device (/dev/null): written where it is, never replaced.</summary>
    public bool IsStreamDevice => Type is Fifo or CharacterDevice;

    public bool SameFileAs(FileStatus other) => Device == other.Device && Inode == other.Inode;
}
