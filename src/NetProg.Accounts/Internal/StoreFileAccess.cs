using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace NetProg.Accounts.Internal;

/// <summary>
/// Who may reach the SQLite store's files on Unix. The file holds every password hash; readable by others they can be copied
/// and guessed offline at the attacker's pace, past any login throttle. So the store creates its file owner-only (0600),
/// itself and before SQLite opens it (SQLite would create it 0644 under the usual umask of 022), and the default folder
/// 0700, as the XDG Base Directory Specification asks of a missing data folder. SQLite makes the -wal, -shm and -journal
/// files with the database file's own permission bits (os_unix.c, <c>findCreateFileMode</c>; https://www.sqlite.org/tempfiles.html),
/// so an owner-only database keeps its siblings owner-only. An existing file is not changed, only reported: it is the user's.
/// Windows has no mode bits: the per-user folder's inherited ACL protects it, and none of this runs.
/// </summary>
internal static partial class StoreFileAccess
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Others =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    // statx(2): dirfd AT_FDCWD, flags 0 (through a symbolic link, to the file SQLite opens, as File.GetUnixFileMode does),
    // mask STATX_UID; struct statx is the same on every Linux architecture, stx_uid a __u32 at byte 20
    // (include/uapi/linux/stat.h).
    private const int AtFdCwd = -100;
    private const int FollowLinks = 0;
    private const uint StatxUid = 0x8;
    private const int StatxSize = 256;
    private const int StatxUidOffset = 20;

    /// <summary>The default store's folder (and any missing parent), 0700 on Unix.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, OwnerOnlyFolder);
    }

    /// <summary>
    /// An empty file at <paramref name="path"/>, 0600, unless something is there already. O_CREAT|O_EXCL (FileMode.CreateNew)
    /// creates the file itself and never through a symbolic link planted at the name (POSIX open(2)); SQLite takes an
    /// empty file for a new database. Returns true when it made the file.
    /// </summary>
    public static bool CreatePrivateFile(string path)
    {
        // File.Exists is true for a link, even a dangling one; a link to a file that is there counts as that file.
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return false;
        }

        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it between the check and the open: theirs is used, and inspected like any existing file.
            return false;
        }
    }

    /// <summary>
    /// The target of a symbolic link at <paramref name="path"/> that points nowhere, else null. SQLite would follow it and
    /// create the store where it points, with SQLite's own mode: a link planted in a shared folder could put the hashes
    /// anywhere the user can write.
    /// </summary>
    public static string? DanglingLinkTarget(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is { } target && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true } ? target : null;
    }

    /// <summary>Tells <paramref name="warn"/> what is wrong with an existing file's permissions and owner; nothing on Windows.</summary>
    public static void Inspect(string path, Action<StoreFileWarning>? warn)
    {
        if (warn is null || OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // Opening it will say what is wrong.
        }

        var user = EffectiveUserId();
        var owner = OwnerId(path) ?? user;
        foreach (var problem in Problems(mode, owner, user))
        {
            warn(new StoreFileWarning(problem, path, mode, owner, user));
        }
    }

    public static IReadOnlyList<StoreFileProblem> Problems(UnixFileMode mode, uint owner, uint user)
    {
        var problems = new List<StoreFileProblem>(2);
        if ((mode & Others) != 0)
        {
            problems.Add(StoreFileProblem.OpenToOthers);
        }

        if (owner != user)
        {
            problems.Add(StoreFileProblem.OwnedByAnotherUser);
        }

        return problems;
    }

    [UnsupportedOSPlatform("windows")]
    private static uint EffectiveUserId() => geteuid();

    /// <summary>The file's owner (Linux, through statx); null where that is not known (macOS, a kernel or libc without statx).</summary>
    [UnsupportedOSPlatform("windows")]
    private static unsafe uint? OwnerId(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = stackalloc byte[StatxSize];
        try
        {
            return statx(AtFdCwd, path, FollowLinks, StatxUid, buffer) == 0 ? *(uint*)(buffer + StatxUidOffset) : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // glibc before 2.28.
        }
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
