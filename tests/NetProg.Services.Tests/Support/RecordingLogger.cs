using Microsoft.Extensions.Logging;

namespace NetProg.Services.Tests.Support;

/// <summary>
/// Keeps every log line ("ID message", and the exception when there is one) so a test can check what was (and was not)
/// written, and says when one arrives, so a test waits on a line instead of sleeping.
/// </summary>
internal sealed class RecordingLogger(Action? changed = null) : ILogger
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
        var line = $"{eventId.Id} {formatter(state, exception)}";
        lock (_messages)
        {
            _messages.Add(exception is null ? line : $"{line} {exception}");
        }

        changed?.Invoke();
    }
}
