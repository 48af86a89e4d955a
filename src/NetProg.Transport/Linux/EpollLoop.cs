using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetProg.Transport.Tcp;

namespace NetProg.Transport.Linux;

/// <summary>
/// One thread in <c>epoll_wait</c>, and the table of what is registered with it: the event loop of the one-thread C server
/// (bench/baselines/epoll_server.c), in C#. Events run their targets' continuations on this thread, with no thread-pool hop.
/// </summary>
/// <remarks>
/// An event carries a token, not a pointer: slot index in the low 32 bits, the slot's generation in the high 32. A descriptor
/// closed while its event is still in the batch being dispatched (or still registered through a copy inherited by a forked
/// child between fork() and exec()) then finds a different generation in its slot and is ignored, instead of reaching
/// whatever connection reuses the slot.
/// </remarks>
internal sealed unsafe class EpollLoop
{
    private const int MaxEvents = 256;

    private static readonly Lock SharedLock = new();
    private static EpollLoop[]? s_shared;
    private static int s_next;

    private readonly int _epoll;
    // EpollOptions.BusyPollMicroseconds in Stopwatch ticks; 0 never spins.
    private readonly long _busyPollTicks;
    private readonly Lock _lock = new();
    private readonly Stack<int> _free = new();
    private EpollRegistration?[] _slots = new EpollRegistration?[64];
    private uint _generation;
    private int _used;

    private EpollLoop(int index, long busyPollTicks)
    {
        _busyPollTicks = busyPollTicks;
        _epoll = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw SystemCall.Error(Marshal.GetLastPInvokeError());
        }

        var thread = new Thread(Run) { IsBackground = true, Name = $"netprog epoll {index}" };
        thread.UnsafeStart();
    }

    /// <summary>
    /// The process's loops, made by the first caller with its <paramref name="options"/> (<see cref="EpollOptions.Threads"/>);
    /// later callers (another server of the same process: time and echo in <c>lab</c>) share them as they are.
    /// </summary>
    public static EpollLoop[] Shared(EpollOptions options)
    {
        if (Volatile.Read(ref s_shared) is { } loops)
        {
            return loops;
        }

        lock (SharedLock)
        {
            return s_shared ??= Create(options);
        }
    }

    /// <summary>The next of <paramref name="loops"/>, round robin, for a new connection.</summary>
    public static EpollLoop Next(EpollLoop[] loops) =>
        loops.Length == 1 ? loops[0] : loops[(int)((uint)Interlocked.Increment(ref s_next) % (uint)loops.Length)];

    /// <summary>Adds <paramref name="fd"/> with the given events; returns the token to pass to <see cref="Remove"/>.</summary>
    public ulong Add(int fd, uint events, IEpollTarget target)
    {
        ulong token;
        lock (_lock)
        {
            var index = _free.Count > 0 ? _free.Pop() : _used++;
            if (index == _slots.Length)
            {
                var larger = new EpollRegistration?[_slots.Length * 2];
                Array.Copy(_slots, larger, _slots.Length);
                Volatile.Write(ref _slots, larger);
            }

            token = ((ulong)++_generation << 32) | (uint)index;
            _slots[index] = new EpollRegistration(target, token);
        }

        var ev = stackalloc byte[16];
        LibC.WriteEvent(ev, events, token);
        if (LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, fd, ev) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Release(token);
            throw SystemCall.Error(errno);
        }

        return token;
    }

    /// <summary>Changes the events <paramref name="fd"/> is registered for; the kernel polls it again, as on add.</summary>
    public void Modify(int fd, uint events, ulong token)
    {
        var ev = stackalloc byte[16];
        LibC.WriteEvent(ev, events, token);
        if (LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_MOD, fd, ev) != 0)
        {
            throw SystemCall.Error(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Takes <paramref name="fd"/> out of the interest list (for a listener that stays open a while longer).</summary>
    public void Delete(int fd)
    {
        var ev = stackalloc byte[16];
        _ = LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_DEL, fd, ev);
    }

    /// <summary>Frees the slot of <paramref name="token"/>; events still carrying it are ignored from now on.</summary>
    public void Release(ulong token)
    {
        var index = (int)(uint)token;
        lock (_lock)
        {
            if (index < _slots.Length && _slots[index]?.Token == token)
            {
                _slots[index] = null;
                _free.Push(index);
            }
        }
    }

    private static EpollLoop[] Create(EpollOptions options)
    {
        var count = options.Threads is > 0 and <= EpollOptions.MaxThreads ? options.Threads : Math.Max(1, Environment.ProcessorCount / 2);
        var busyPollTicks = options.BusyPollMicroseconds is > 0 and <= EpollOptions.MaxBusyPollMicroseconds
            ? options.BusyPollMicroseconds * Stopwatch.Frequency / 1_000_000
            : 0;
        var loops = new EpollLoop[count];
        for (var i = 0; i < count; i++)
        {
            loops[i] = new EpollLoop(i, busyPollTicks);
        }

        return loops;
    }

    /// <summary>The next events: spinning first when <see cref="EpollOptions.BusyPollMicroseconds"/> asks for it, then asleep until one comes.</summary>
    private int Wait(byte* events)
    {
        if (_busyPollTicks > 0)
        {
            var deadline = Stopwatch.GetTimestamp() + _busyPollTicks;
            do
            {
                var ready = LibC.epoll_wait(_epoll, events, MaxEvents, 0);
                if (ready != 0)
                {
                    return ready;
                }
            }
            while (Stopwatch.GetTimestamp() < deadline);
        }

        return LibC.epoll_wait(_epoll, events, MaxEvents, -1);
    }

    private void Run()
    {
        var size = LibC.EpollEventSize;
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * size));
        while (true)
        {
            var count = Wait(events);
            if (count < 0)
            {
                // EINTR only: the other errors (EBADF, EFAULT, EINVAL) cannot happen with a descriptor this loop owns.
                continue;
            }

            var slots = Volatile.Read(ref _slots);
            for (var i = 0; i < count; i++)
            {
                var ev = events + (i * size);
                var token = Unsafe.ReadUnaligned<ulong>(ev + LibC.EpollDataOffset);
                var index = (int)(uint)token;
                if (index >= slots.Length)
                {
                    slots = Volatile.Read(ref _slots);
                }

                var registration = index < slots.Length ? slots[index] : null;
                if (registration is null || registration.Token != token)
                {
                    continue; // Closed while this batch was on its way.
                }

                try
                {
                    registration.Target.OnEvents(*(uint*)ev);
                }
                catch (Exception e)
                {
                    // Targets only complete awaiters, whose async continuations keep their own exceptions: reaching here is a
                    // bug in netprog. Say so and keep serving the other connections.
                    Console.Error.WriteLine($"netprog: internal error in the epoll loop: {e}");
                }
            }
        }
    }
}
