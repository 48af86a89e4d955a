using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace NetProg.Capture.Pcap;

/// <summary>
/// A file's identity on Windows: the volume serial number and the 64-bit file index of an open handle, which together
/// "uniquely identify a file on a single computer" (GetFileInformationByHandle, BY_HANDLE_FILE_INFORMATION).
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsFiles
{
    /// <summary>The file at <paramref name="path"/>, links followed; null when it cannot be opened (it is not there).</summary>
    public static FileStatus? Status(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return GetFileInformationByHandle(handle, out var info)
                ? new FileStatus(info.VolumeSerialNumber, ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow, FileStatus.Regular)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

#pragma warning disable SYSLIB1054
    [DllImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);
#pragma warning restore SYSLIB1054

    /// <summary>BY_HANDLE_FILE_INFORMATION (fileapi.h): 52 bytes; a FILETIME is two DWORDs, so 4-byte aligned (Pack = 4).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public ulong CreationTime;
        public ulong LastAccessTime;
        public ulong LastWriteTime;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}
