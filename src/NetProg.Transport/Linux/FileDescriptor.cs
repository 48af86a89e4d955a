using System.Runtime.InteropServices;

namespace NetProg.Transport.Linux;

/// <summary>
/// An accepted socket's descriptor. <see cref="SafeHandle"/> counts the calls in progress, so Dispose on one thread while
/// another is inside recv() defers the close() until that call returns: the number is never reused under a running call.
/// </summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
