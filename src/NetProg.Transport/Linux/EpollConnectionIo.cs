using System.Buffers;
using System.Runtime.InteropServices;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Linux;

/// <summary>
/// A connection on an <see cref="EpollLoop"/>: a non-blocking descriptor registered edge-triggered for input and the peer's
/// FIN (<c>EPOLLIN | EPOLLRDHUP | EPOLLET</c>), and for output (<c>EPOLLOUT</c>) from the first send that finds the socket
/// full. A receive or send is tried at once and waits for an event only on EAGAIN, so a 64-byte ping-pong costs what it
/// costs the C server: one recv(), one send() and a share of epoll_wait().
/// </summary>
/// <remarks>
/// Output readiness is asked for late because a socket is writable almost always: registered from the start (as .NET's own
/// engine does), every new connection's first epoll_wait() reports "writable" for nothing, one wasted event per
/// connection of a time server. Asking late loses no wake-up: EPOLL_CTL_MOD polls the socket as ADD does.
/// </remarks>
internal sealed class EpollConnectionIo : ConnectionIo, IEpollTarget
{
    private const int MaxGather = 16;

    private const uint InputEvents = LibC.EPOLLIN | LibC.EPOLLRDHUP | LibC.EPOLLET;

    // Outcome's "interrupted by a signal, call again" (EINTR); never a byte count.
    private const int EintrResult = int.MinValue;

    private readonly FileDescriptor _fd;
    private readonly EpollLoop _loop;
    private readonly Readiness _read = new();
    private readonly Readiness _write = new();
    private ulong _token;

    // The read sequence at which the socket was last seen empty; data may be there when the sequence has moved on. Only the
    // receive loop touches it.
    private long _drainedAt;

    // Set once the peer's FIN, a reset or an error was reported: from then on the socket is never assumed empty, since no
    // further edge will come to say that recv() has something (0 or an error) to return.
    private volatile bool _inputEnded;
    private MemoryHandle[]? _pins;

    // EPOLLOUT is wanted in the registration: set by the send loop at its first EAGAIN. Touched by one thread at a time: the
    // loop's, or the send loop's once registered (_token is not 0: tokens start at generation 1, EpollLoop.Add).
    private bool _watchingOutput;

    // 1 once Dispose has begun. Dispose sets it and then reads _token; Register publishes _token and then reads it; both
    // with full fences (Interlocked.Exchange), so at least one of the two sees the other and releases the slot.
    private int _disposed;

    public EpollConnectionIo(FileDescriptor fd, EpollLoop loop, IPEndPoint remote, IPEndPoint local)
    {
        _fd = fd;
        _loop = loop;
        RemoteEndPoint = remote;
        LocalEndPoint = local;
    }

    public override IPEndPoint RemoteEndPoint { get; }

    public override IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Registers with the loop. Data that arrived before this is reported by the registration itself (epoll_ctl ADD polls the
    /// descriptor), so the first wait for data need not try a recv(). On the loop's thread it may come after an inline
    /// handler's first steps (a time server's reply and FIN): until then nothing waits for an event.
    /// </summary>
    public void Register()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return; // An inline handler's connection already over (closed at once after its reply): nothing to watch.
        }

        using var lease = DescriptorLease.Acquire(_fd);
        var token = _loop.Add(lease.Fd, _watchingOutput ? InputEvents | LibC.EPOLLOUT : InputEvents, this);
        Interlocked.Exchange(ref _token, token);
        if (Volatile.Read(ref _disposed) != 0)
        {
            _loop.Release(token); // Disposed on another thread during the add, maybe before it could see the token.
        }
    }

    public void OnEvents(uint events)
    {
        if ((events & (LibC.EPOLLRDHUP | LibC.EPOLLHUP | LibC.EPOLLERR)) != 0)
        {
            _inputEnded = true;
        }

        if ((events & (LibC.EPOLLIN | LibC.EPOLLRDHUP | LibC.EPOLLHUP | LibC.EPOLLERR)) != 0)
        {
            _read.Signal();
        }

        if ((events & (LibC.EPOLLOUT | LibC.EPOLLHUP | LibC.EPOLLERR)) != 0)
        {
            _write.Signal();
        }
    }

    public override bool WaitForDataIsFree => true;

    public override ValueTask<int> WaitForDataAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _inputEnded || _fd.IsClosed ? new ValueTask<int>(0) : _read.WaitAsync(_drainedAt);
    }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sequence = _read.Sequence;
        var received = Receive(buffer.Span);
        if (received >= 0)
        {
            // A short read emptied the socket (TCP's recv returns what is there, up to the length asked): the next wait can
            // skip the recv() that would only say EAGAIN. Safe with edge triggering: bytes arriving after this read raise a
            // new event, which moves the sequence on.
            if (received < buffer.Length && !_inputEnded)
            {
                _drainedAt = sequence;
            }

            return new ValueTask<int>(received);
        }

        _drainedAt = sequence;
        return ReceiveAfterWaitAsync(buffer, sequence, cancellationToken);
    }

    public override ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var sequence = _write.Sequence;
        var sent = Send(buffer.Span);
        if (sent >= 0)
        {
            return new ValueTask<int>(sent);
        }

        WatchOutput();
        return SendAfterWaitAsync(buffer, sequence, cancellationToken);
    }

    public override async ValueTask SendAllAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var sequence = _write.Sequence;
            var sent = SendGathered(buffer);
            if (sent < 0)
            {
                WatchOutput();
                await _write.WaitAsync(sequence).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            buffer = buffer.Slice(sent);
        }
    }

    public override int TrySend(in ReadOnlySequence<byte> buffer) =>
        Math.Max(buffer.IsSingleSegment ? Send(buffer.FirstSpan) : SendGathered(buffer), 0);

    /// <summary>
    /// One recv(MSG_PEEK | MSG_DONTWAIT) of a byte: EAGAIN (-1) or the FIN alone (0) say that nothing is unread. A reset
    /// throws, as any receive here does.
    /// </summary>
    public override unsafe bool InputIsEmpty()
    {
        using var lease = DescriptorLease.Acquire(_fd);
        byte b;
        int result;
        while (Interrupted(result = Outcome(LibC.recv(lease.Fd, &b, 1, LibC.MSG_PEEK | LibC.MSG_DONTWAIT))))
        {
            // EINTR: a signal came in during the call; call again.
        }

        return result <= 0;
    }

    public override void ShutdownSend()
    {
        using var lease = DescriptorLease.Acquire(_fd);
        if (LibC.shutdown(lease.Fd, LibC.SHUT_WR) != 0)
        {
            throw SystemCall.Error(Marshal.GetLastPInvokeError());
        }
    }

    public override unsafe void ResetOnClose()
    {
        using var lease = DescriptorLease.Acquire(_fd);
        var linger = stackalloc int[2] { 1, 0 }; // struct linger { l_onoff = 1, l_linger = 0 }
        _ = LibC.setsockopt(lease.Fd, LibC.SOL_SOCKET, LibC.SO_LINGER, linger, 8);
    }

    public override void WakeReceiver() => _read.Signal();

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The slot first, so no event reaches this object after its descriptor number is reused; then the descriptor (its
        // close waits for calls in progress: FileDescriptor); then wake both loops, whose next call fails as "disposed".
        var token = Volatile.Read(ref _token);
        if (token != 0)
        {
            _loop.Release(token); // 0: not registered (yet: then Register sees _disposed and releases it), no lock here.
        }

        _fd.Dispose();
        _read.Signal();
        _write.Signal();
    }

    /// <summary>From the first send that found the socket full: EPOLLOUT joins the registration, for good.</summary>
    private void WatchOutput()
    {
        if (_watchingOutput)
        {
            return;
        }

        _watchingOutput = true;
        var token = Volatile.Read(ref _token);
        if (token != 0)
        {
            using var lease = DescriptorLease.Acquire(_fd);
            _loop.Modify(lease.Fd, InputEvents | LibC.EPOLLOUT, token);
        }

        // Not registered yet (an inline handler's first write filled the socket): Register asks for EPOLLOUT.
    }

    private async ValueTask<int> ReceiveAfterWaitAsync(Memory<byte> buffer, long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _read.WaitAsync(sequence).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            sequence = _read.Sequence;
            var received = Receive(buffer.Span);
            if (received >= 0)
            {
                if (received < buffer.Length && !_inputEnded)
                {
                    _drainedAt = sequence;
                }

                return received;
            }

            _drainedAt = sequence;
        }
    }

    private async ValueTask<int> SendAfterWaitAsync(ReadOnlyMemory<byte> buffer, long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _write.WaitAsync(sequence).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            sequence = _write.Sequence;
            var sent = Send(buffer.Span);
            if (sent >= 0)
            {
                return sent;
            }
        }
    }

    /// <summary>
    /// A non-blocking call's result as the callers want it: the byte count, -1 for EAGAIN (wait for the next event), or
    /// <see cref="EintrResult"/> for EINTR (call again). Any other errno is thrown as the portable engine's exception.
    /// </summary>
    private static int Outcome(nint n)
    {
        if (n >= 0)
        {
            return (int)n;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno switch
        {
            LibC.EAGAIN => -1,
            LibC.EINTR => EintrResult,
            _ => throw SystemCall.Error(errno),
        };
    }

    private static bool Interrupted(int outcome) => outcome == EintrResult;

    /// <summary>recv(): the byte count (0 at FIN), or -1 for EAGAIN. Throws on any other error.</summary>
    private unsafe int Receive(Span<byte> buffer)
    {
        using var lease = DescriptorLease.Acquire(_fd);
        fixed (byte* p = buffer)
        {
            int result;
            while (Interrupted(result = Outcome(LibC.recv(lease.Fd, p, (nuint)buffer.Length, 0))))
            {
                // EINTR: a signal came in during the call; call again.
            }

            return result;
        }
    }

    /// <summary>send() with MSG_NOSIGNAL (no SIGPIPE when the peer has reset): bytes sent, or -1 for EAGAIN.</summary>
    private unsafe int Send(ReadOnlySpan<byte> buffer)
    {
        using var lease = DescriptorLease.Acquire(_fd);
        fixed (byte* p = buffer)
        {
            int result;
            while (Interrupted(result = Outcome(LibC.send(lease.Fd, p, (nuint)buffer.Length, LibC.MSG_NOSIGNAL))))
            {
                // EINTR: a signal came in during the call; call again.
            }

            return result;
        }
    }

    /// <summary>One sendmsg() over up to 16 blocks of <paramref name="buffer"/>: bytes sent, or -1 for EAGAIN.</summary>
    private unsafe int SendGathered(in ReadOnlySequence<byte> buffer)
    {
        _pins ??= new MemoryHandle[MaxGather];
        var vectors = stackalloc IoVector[MaxGather];
        var count = 0;
        try
        {
            foreach (var block in buffer)
            {
                if (block.IsEmpty)
                {
                    continue;
                }

                if (count == MaxGather)
                {
                    break;
                }

                _pins[count] = block.Pin();
                vectors[count] = new IoVector { Base = (byte*)_pins[count].Pointer, Length = (nuint)block.Length };
                count++;
            }

            var message = new MessageHeader { Vectors = vectors, VectorCount = (nuint)count };
            using var lease = DescriptorLease.Acquire(_fd);
            int result;
            while (Interrupted(result = Outcome(LibC.sendmsg(lease.Fd, &message, LibC.MSG_NOSIGNAL))))
            {
                // EINTR: a signal came in during the call; call again.
            }

            return result;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                _pins[i].Dispose();
            }
        }
    }
}
