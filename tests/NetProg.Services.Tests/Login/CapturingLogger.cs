using Microsoft.Extensions.Logging;

namespace NetProg.Services.Tests.Login;

/// <summary>Keeps every formatted log message of the service, so a test can check what was (and was not) written.</summary>
internal sealed class CapturingLogger : ILogger
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
            _messages.Add($"{eventId.Id} {formatter(state, exception)} {exception}");
        }
    }
}
