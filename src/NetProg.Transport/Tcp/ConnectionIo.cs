using System.Buffers;

namespace NetProg.Transport.Tcp;

/// <summary>
/// The socket under a <see cref="TcpConnection"/>: the few operations its receive and send loops need. Two forms: the portable
/// one over <see cref="System.Net.Sockets.Socket"/> (<see cref="SocketConnectionIo"/>), and the Linux one over a non-blocking
/// descriptor driven by netprog's own epoll loop (<see cref="Linux.EpollConnectionIo"/>).
/// </summary>
internal abstract class ConnectionIo : IDisposable
{
    public abstract IPEndPoint RemoteEndPoint { get; }

    public abstract IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// True when <see cref="WaitForDataAsync"/> costs no system call when data is already there (the epoll engine tracks
    /// readiness itself); false when it is a zero-byte receive.
    /// </summary>
    public virtual bool WaitForDataIsFree => false;

    /// <summary>Completes when bytes or the FIN are there, holding no buffer meanwhile (the zero-byte read); the result means nothing.</summary>
    public abstract ValueTask<int> WaitForDataAsync(CancellationToken cancellationToken);

    /// <summary>Reads what is there (waiting if nothing is); 0 is the peer's FIN.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends some of <paramref name="buffer"/> (at least one byte); returns how much.</summary>
    public abstract ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends all of a several-block <paramref name="buffer"/>, gathering blocks into as few calls as it can.</summary>
    public abstract ValueTask SendAllAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken);

    /// <summary>
    /// Sends what the socket takes now of <paramref name="buffer"/>, without waiting: the bytes sent; 0 when it takes nothing
    /// now, or when this engine cannot send without waiting (the portable one).
    /// </summary>
    public virtual int TrySend(in ReadOnlySequence<byte> buffer) => 0;

    /// <summary>
    /// True when it is known, without waiting, that no byte from the peer waits to be read (its FIN may have come: a FIN is no
    /// byte). False when bytes wait, or when this engine cannot tell cheaply (the portable one: ending its pending zero-byte
    /// receive by a close would cost an exception per connection, more than the system calls it saves). Throws as a receive
    /// would when the connection was reset.
    /// </summary>
    public virtual bool InputIsEmpty() => false;

    /// <summary>Sends FIN (shutdown(SHUT_WR)).</summary>
    public abstract void ShutdownSend();

    /// <summary>SO_LINGER 0: the coming close sends RST instead of FIN.</summary>
    public abstract void ResetOnClose();

    /// <summary>Makes a pending wait for data look again at its cancellation token (the server is stopping).</summary>
    public virtual void WakeReceiver()
    {
    }

    /// <summary>Closes the socket; pending operations fail with <see cref="ObjectDisposedException"/> or a socket error.</summary>
    public abstract void Dispose();
}
