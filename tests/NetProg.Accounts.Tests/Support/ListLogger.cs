using Microsoft.Extensions.Logging;

namespace NetProg.Accounts.Tests.Support;

/// <summary>Keeps every log event, so a test can assert which events were written.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(EventId Id, string Message)> events = [];
    private readonly List<LogLevel> levels = [];

    /// <summary>The level of each event in <see cref="Events"/>, in the same order.</summary>
    public IReadOnlyList<LogLevel> Levels
    {
        get
        {
            lock (events)
            {
                return [.. levels];
            }
        }
    }

    public IReadOnlyList<(EventId Id, string Message)> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (events)
        {
            events.Add((eventId, formatter(state, exception)));
            levels.Add(logLevel);
        }
    }
}
