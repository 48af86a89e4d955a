using System.Runtime.InteropServices;

namespace NetProg.Transport.Linux;

/// <summary><c>struct iovec</c> (sys/uio.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}
