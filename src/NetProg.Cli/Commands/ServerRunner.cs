using Microsoft.Extensions.Logging;
using NetProg.Cli.Infrastructure;
using NetProg.Services.Hosting;
using NetProg.Transport;

namespace NetProg.Cli.Commands;

/// <summary>Binds services, prints their <c>listening on</c> lines, serves until a signal, drains, exits 0.</summary>
internal static class ServerRunner
{
    /// <summary>Binds every service or none (a failure releases the ones already bound) and prints one line per socket.</summary>
    public static async Task<IReadOnlyList<ServiceHost>> BindAsync(
        ICliConsole console, IReadOnlyList<(ServiceDefinition Service, ServerSettings Settings)> services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var hosts = new List<ServiceHost>();
        try
        {
            foreach (var (service, settings) in services)
            {
                var addresses = await ListenAddresses.ResolveAsync(settings.Bind, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                var host = ServiceHost.Bind(
                    service,
                    new ServiceHostOptions { Addresses = addresses, Port = settings.Port, Protocols = settings.Protocols, Tcp = settings.Tcp, Udp = settings.Udp },
                    loggers.CreateLogger(service.Name));
                hosts.Add(host);
                foreach (var socket in host.Listening)
                {
                    // Scripts and tests wait for this exact line: print it as soon as the socket is bound, and flush.
                    console.Out.WriteLine($"listening on {socket}");
                }

                console.Out.Flush();
                WarnIfExposed(settings, loggers.CreateLogger(service.Name));
            }

            return hosts;
        }
        catch
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public static async Task RunAsync(IReadOnlyList<ServiceHost> hosts, CancellationToken stopping)
    {
        try
        {
            await Task.WhenAll(hosts.Select(h => h.RunAsync(stopping))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void WarnIfExposed(ServerSettings settings, ILogger logger)
    {
        // The loop guard is the only thing between two answering UDP services and an endless loop (CVE-1999-0103).
        if (!settings.Udp.LoopGuard && settings.Protocols.HasFlag(ProtocolSelection.Udp))
        {
            CliLog.LoopGuardOff(logger);
        }
    }
}
