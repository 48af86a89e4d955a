using Microsoft.Extensions.Logging;

namespace NetProg.Cli.Infrastructure;

internal static class Logging
{
    /// <summary>Per-client lines at Information; <c>--quiet</c> keeps warnings and errors only.</summary>
    /// <remarks>
    /// The caller disposes <paramref name="provider"/> after the factory: a factory built by <see cref="LoggerFactory.Create"/>
    /// gets its providers from its service container, which does not dispose an instance it was handed, and the factory
    /// disposes only the providers added to it later (<see cref="ILoggerFactory.AddProvider"/>).
    /// </remarks>
    public static ILoggerFactory Create(ILoggerProvider provider, bool quiet) =>
        LoggerFactory.Create(builder => builder
            .ClearProviders()
            .SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information)
            .AddProvider(provider));
}
