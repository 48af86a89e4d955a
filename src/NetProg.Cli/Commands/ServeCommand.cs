using Microsoft.Extensions.Logging;
using NetProg.Cli.Infrastructure;
using NetProg.Services.Hosting;

namespace NetProg.Cli.Commands;

/// <summary>The body shared by the server commands: bind, print, serve until a signal, exit 0.</summary>
internal static class ServeCommand
{
    public static async Task<ExitCode> ServeAsync(
        ICliConsole console, IReadOnlyList<(ServiceDefinition Service, ServerSettings Settings)> services, bool quiet, CancellationToken stopping)
    {
        using var provider = new LineLoggerProvider(console.Error);
        using var loggers = Logging.Create(provider, quiet);
        return await ServeAsync(console, services, loggers, stopping).ConfigureAwait(false);
    }

    public static async Task<ExitCode> ServeAsync(
        ICliConsole console, IReadOnlyList<(ServiceDefinition Service, ServerSettings Settings)> services, ILoggerFactory loggers, CancellationToken stopping)
    {
        var hosts = await ServerRunner.BindAsync(console, services, loggers, stopping).ConfigureAwait(false);
        await ServerRunner.RunAsync(hosts, stopping).ConfigureAwait(false);
        return ExitCode.Success;
    }
}
