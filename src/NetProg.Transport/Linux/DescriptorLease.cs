using System.Runtime.InteropServices;

namespace NetProg.Transport.Linux;

/// <summary>
/// Holds a reference on a descriptor's handle for one system call: <c>using var fd = DescriptorLease.Acquire(h)</c>. Throws
/// <see cref="ObjectDisposedException"/> once the handle is closed, which the connection reads as "aborted".
/// </summary>
internal readonly ref struct DescriptorLease
{
    private readonly SafeHandle _handle;

    private DescriptorLease(SafeHandle handle, int fd)
    {
        _handle = handle;
        Fd = fd;
    }

    public int Fd { get; }

    public static DescriptorLease Acquire(SafeHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        return new DescriptorLease(handle, (int)handle.DangerousGetHandle());
    }

    public void Dispose() => _handle.DangerousRelease();
}
