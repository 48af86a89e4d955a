using System.Collections.Concurrent;
using NetProg.Protocols.Forwarding;
using NetProg.Services.Forward;
using NetProg.Services.Hosting;
using Microsoft.Extensions.Logging;
using NetProg.Transport;

namespace NetProg.Services.Tests.Forward;

/// <summary>A <see cref="Forwarder"/> on 127.0.0.1 port 0 to one target port on 127.0.0.1, running until disposed; it records what it reports.</summary>
internal sealed class RunningForwarder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RelaySummary> _ended = new();
    private readonly ConcurrentQueue<(IPEndPoint, TransportProtocol)> _refused = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly Task _run;

    private RunningForwarder(Func<ILogger, Forwarder> bind)
    {
        Log = new RecordingLogger(Changed);
        Forwarder = bind(Log);
        Forwarder.RelayEnded = summary =>
        {
            _ended.Enqueue(summary);
            Changed();
        };
        Forwarder.ClientRefused = (client, protocol) =>
        {
            _refused.Enqueue((client, protocol));
            Changed();
        };
        _run = Forwarder.RunAsync(_stopping.Token);
    }

    public Forwarder Forwarder { get; }

    public RecordingLogger Log { get; }

    public int Port => Forwarder.Listening[0].EndPoint.Port;

    public IReadOnlyList<(IPEndPoint Client, TransportProtocol Protocol)> Refused => [.. _refused];

    public static RunningForwarder Start(int targetPort, ProtocolSelection protocols, Func<ForwardOptions, ForwardOptions>? configure = null)
    {
        Assert.True(PortMapping.TryCreate(new PortRange(0, 0), new PortRange(targetPort, targetPort), out var mapping, out _));
        var options = new ForwardOptions { ListenAddresses = [IPAddress.Loopback], Ports = mapping, Target = IPAddress.Loopback, Protocols = protocols };
        return new RunningForwarder(log => Forwarder.Bind(configure?.Invoke(options) ?? options, log));
    }

    /// <summary>The first ended connection or session (already ended, or ending within <see cref="Waits.Long"/>) that matches.</summary>
    public async Task<RelaySummary> WaitForEndAsync(Func<RelaySummary, bool> match)
    {
        await WaitUntilAsync(() => _ended.Any(match));
        return _ended.First(match);
    }

    /// <summary>Completes when <paramref name="condition"/> holds, checked again whenever the forwarder reports or logs something.</summary>
    public Task WaitUntilAsync(Func<bool> condition)
    {
        lock (_waiters)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, waiter));
            return waiter.Task.WaitAsync(Waits.Long);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _run.WaitAsync(Waits.Long);
        }
        finally
        {
            await Forwarder.DisposeAsync();
            _stopping.Dispose();
        }
    }

    private void Changed()
    {
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition()).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }
}
