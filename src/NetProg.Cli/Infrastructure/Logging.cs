using Microsoft.Extensions.Logging;

namespace NetProg.Cli.Infrastructure;

internal static class Logging
{
    /// <summary>Per-client lines at Information; <c>--quiet</c> keeps warnings and errors only.</summary>
    public static ILoggerFactory Create(ILoggerProvider provider, bool quiet) =>
        LoggerFactory.Create(builder => builder
            .ClearProviders()
            .SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information)
            .AddProvider(provider));
}
