using Microsoft.Extensions.Logging;

namespace NetProg.Services.Tests.Forward;

/// <summary>Keeps every log line ("ID message") and says when one arrives, so a test waits on a line instead of sleeping.</summary>
internal sealed class RecordingLogger(Action changed) : ILogger
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_messages)
        {
            _messages.Add($"{eventId.Id} {formatter(state, exception)}");
        }

        changed();
    }
}
