using System.Runtime.InteropServices;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary>The two iphlpapi.dll functions that give each socket's owning pid (Windows XP SP2 and later).</summary>
internal static class IpHelperNative
{
    public const int AfInet = 2;
    public const int AfInet6 = 23;

    // TCP_TABLE_CLASS.TCP_TABLE_OWNER_PID_ALL and UDP_TABLE_CLASS.UDP_TABLE_OWNER_PID (iprtrmib.h).
    public const int TcpTableOwnerPidAll = 5;
    public const int UdpTableOwnerPid = 1;

    public const uint NoError = 0;
    public const uint ErrorInsufficientBuffer = 122;

    // Blittable parameters only (byte[] is pinned, bOrder is a BOOL as int), so no marshalling stub is needed.
    [DllImport("iphlpapi.dll", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    public static extern uint GetExtendedTcpTable(byte[]? pTcpTable, ref int pdwSize, int bOrder, int ulAf, int tableClass, uint reserved);

    [DllImport("iphlpapi.dll", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    public static extern uint GetExtendedUdpTable(byte[]? pUdpTable, ref int pdwSize, int bOrder, int ulAf, int tableClass, uint reserved);
}
