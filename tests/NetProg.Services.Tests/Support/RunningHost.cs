using Microsoft.Extensions.Logging.Abstractions;
using NetProg.Services.Hosting;

namespace NetProg.Services.Tests.Support;

/// <summary>A <see cref="ServiceHost"/> on 127.0.0.1 (by default), port 0, running until the test stops or disposes it.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    private RunningHost(ServiceHost host)
    {
        Host = host;
        _run = host.RunAsync(_stopping.Token);
    }

    public ServiceHost Host { get; }

    public int Port => Host.Port;

    public static RunningHost Start(ServiceDefinition service, ProtocolSelection protocols, Func<ServiceHostOptions, ServiceHostOptions>? configure = null)
    {
        var options = new ServiceHostOptions { Addresses = [IPAddress.Loopback], Port = 0, Protocols = protocols };
        return new RunningHost(ServiceHost.Bind(service, configure?.Invoke(options) ?? options, NullLogger.Instance));
    }

    /// <summary>Stops serving and waits (bounded) until every connection has finished: the stats are final afterwards.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _run.WaitAsync(Waits.Long);
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
            await Host.DisposeAsync();
            _stopping.Dispose();
        }
    }
}
