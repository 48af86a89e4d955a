using Microsoft.Extensions.Logging;

namespace NetProg.Accounts.Tests.Support;

/// <summary>Keeps every log event, so a test can assert which events were written.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(EventId Id, string Message)> events = [];

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
        }
    }
}
