using System.Runtime.InteropServices;

namespace NetProg.Transport.Linux;

/// <summary>
/// A listening socket on an <see cref="EpollLoop"/>: level-triggered, and each event accepts what is queued (up to a batch,
/// so one busy listener cannot starve the loop's connections) with accept4(SOCK_NONBLOCK | SOCK_CLOEXEC).
/// </summary>
internal sealed unsafe class EpollAcceptor : IEpollTarget
{
    private const int AcceptBatch = 64;

    private readonly Socket _listener;
    private readonly EpollLoop _loop;
    private readonly Action<FileDescriptor, IPEndPoint, IPEndPoint> _accepted;
    private readonly Action<SocketError> _failed;
    private readonly IPEndPoint _localEndPoint;
    private readonly bool _wildcard;
    private readonly Lock _lock = new();
    private ulong _token;
    private bool _registered;
    private bool _stopped;

    /// <param name="accepted">Called on the loop's thread with the new descriptor, the peer's and the local address.</param>
    /// <param name="failed">Called when accept() fails for a reason other than the peer's (EMFILE, ENFILE, ENOBUFS).</param>
    public EpollAcceptor(Socket listener, EpollLoop loop, Action<FileDescriptor, IPEndPoint, IPEndPoint> accepted, Action<SocketError> failed)
    {
        _listener = listener;
        _loop = loop;
        _accepted = accepted;
        _failed = failed;
        _localEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _wildcard = _localEndPoint.Address.Equals(IPAddress.Any) || _localEndPoint.Address.Equals(IPAddress.IPv6Any);

        // Never used with .NET's own async operations, so .NET never registers it with its engine: this loop owns it.
        listener.Blocking = false;
    }

    public void Start()
    {
        lock (_lock)
        {
            if (_stopped || _registered)
            {
                return;
            }

            using var lease = DescriptorLease.Acquire(_listener.SafeHandle);
            _token = _loop.Add(lease.Fd, LibC.EPOLLIN, this);
            _registered = true;
        }
    }

    /// <summary>Stops accepting; the listener itself is closed by its owner.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            Unregister();
        }
    }

    public void OnEvents(uint events)
    {
        var address = stackalloc byte[SocketAddressText.MaxLength];
        var localAddress = stackalloc byte[SocketAddressText.MaxLength];
        for (var i = 0; i < AcceptBatch; i++)
        {
            int fd;
            uint length = SocketAddressText.MaxLength;
            try
            {
                using var lease = DescriptorLease.Acquire(_listener.SafeHandle);
                fd = LibC.accept4(lease.Fd, address, &length, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            }
            catch (ObjectDisposedException)
            {
                return; // Listener closed by a stopping server.
            }

            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                switch (SystemCall.ToSocketError(errno))
                {
                    case SocketError.WouldBlock:
                        return;
                    case SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable:
                        // The pending connection stays in the backlog, and a level-triggered listener would report it again at
                        // once: step out of the interest list for 100 ms instead of spinning.
                        _failed(SystemCall.ToSocketError(errno));
                        PauseBriefly();
                        return;
                    default:
                        // ECONNABORTED and the network errors accept() passes on (accept(2): "should be treated like
                        // EAGAIN by retrying"): the connection went away in the backlog.
                        continue;
                }
            }

#pragma warning disable CA2000 // why: handed to _accepted (TcpServer.Accepted), whose connection io owns and closes it.
            var descriptor = new FileDescriptor(fd);
#pragma warning restore CA2000
            IPEndPoint local;
            if (_wildcard)
            {
                uint localLength = SocketAddressText.MaxLength;
                local = LibC.getsockname(fd, localAddress, &localLength) == 0
                    ? SocketAddressText.Parse(new ReadOnlySpan<byte>(localAddress, (int)localLength)) ?? _localEndPoint
                    : _localEndPoint;
            }
            else
            {
                local = _localEndPoint;
            }

            var remote = SocketAddressText.Parse(new ReadOnlySpan<byte>(address, (int)length));
            if (remote is null)
            {
                descriptor.Dispose(); // Not an IP peer: cannot happen on an AF_INET/AF_INET6 listener.
                continue;
            }

            _accepted(descriptor, remote, local);
        }
    }

    private void Unregister()
    {
        if (!_registered)
        {
            return;
        }

        _registered = false;
        try
        {
            using var lease = DescriptorLease.Acquire(_listener.SafeHandle);
            _loop.Delete(lease.Fd);
        }
        catch (ObjectDisposedException)
        {
        }

        _loop.Release(_token);
    }

    private void PauseBriefly()
    {
        lock (_lock)
        {
            Unregister();
        }

        _ = Task.Delay(TimeSpan.FromMilliseconds(100)).ContinueWith(
            static (_, state) =>
            {
                try
                {
                    ((EpollAcceptor)state!).Start();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
