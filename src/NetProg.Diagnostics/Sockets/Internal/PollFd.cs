using System.Runtime.InteropServices;

namespace NetProg.Diagnostics.Sockets.Internal;

/// <summary><c>struct pollfd</c> (poll(2)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
