using System.Runtime.InteropServices;

namespace NetProg.Transport.Linux;

/// <summary><c>struct msghdr</c> (sys/socket.h) for a gathering sendmsg(); sequential layout gives the C padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
