using System.Runtime.InteropServices;

namespace NetProg.Diagnostics.Routes.Internal;

/// <summary>
/// The iphlpapi.dll functions behind the route table (netioapi.h, Windows Vista and later): each allocates its table,
/// which is copied into managed bytes at once and handed back to FreeMibTable, so the parser never sees a pointer.
/// </summary>
internal static class IpForwardNative
{
    // AF_UNSPEC: IPv4 and IPv6 rows in one table.
    private const ushort AfUnspec = 0;

    // Far above any real table (a full BGP table is ~1M routes, but a PC has tens): a corrupt count cannot make a huge copy.
    private const int MaxRows = 65536;

    /// <summary>The MIB_IPFORWARD_TABLE2 bytes, or the Win32 error code GetIpForwardTable2 returned.</summary>
    public static (byte[]? Table, uint Error) CopyForwardTable()
    {
        var error = GetIpForwardTable2(AfUnspec, out var table);
        return error == 0 ? (CopyAndFree(table, IpForwardTableParser.RowSize), 0) : (null, error);
    }

    /// <summary>The MIB_IPINTERFACE_TABLE bytes, or null when GetIpInterfaceTable failed.</summary>
    public static byte[]? CopyInterfaceTable() =>
        GetIpInterfaceTable(AfUnspec, out var table) == 0 ? CopyAndFree(table, IpForwardTableParser.InterfaceRowSize) : null;

    private static byte[] CopyAndFree(IntPtr table, int rowSize)
    {
        try
        {
            if (table == IntPtr.Zero)
            {
                return [];
            }

            var rows = Math.Min((uint)Marshal.ReadInt32(table), (uint)MaxRows);
            var bytes = new byte[IpForwardTableParser.HeaderSize + ((int)rows * rowSize)];
            Marshal.Copy(table, bytes, 0, bytes.Length);
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), rows);
            return bytes;
        }
        finally
        {
            if (table != IntPtr.Zero)
            {
                FreeMibTable(table);
            }
        }
    }

    // Blittable parameters only (ADDRESS_FAMILY is a USHORT, the table comes back as a pointer), so no marshalling stub.
    [DllImport("iphlpapi.dll", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern uint GetIpForwardTable2(ushort family, out IntPtr table);

    [DllImport("iphlpapi.dll", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern uint GetIpInterfaceTable(ushort family, out IntPtr table);

    [DllImport("iphlpapi.dll", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern void FreeMibTable(IntPtr memory);
}
