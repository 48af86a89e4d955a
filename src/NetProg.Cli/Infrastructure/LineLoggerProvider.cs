using Microsoft.Extensions.Logging;

namespace NetProg.Cli.Infrastructure;

/// <summary>
/// Log lines as a person reads them on stderr: <c>20:52:49.123 time/tcp 127.0.0.1:51234: 0 B in, 25 B out, 0.3 ms</c>,
/// warnings prefixed with <c>warning:</c>. One lock, one line per write, so lines from many connections never interleave.
/// </summary>
internal sealed class LineLoggerProvider : ILoggerProvider
{
    private readonly Action<LogLevel, string> _sink;

    public LineLoggerProvider(TextWriter writer)
        : this((_, line) =>
        {
            lock (writer)
            {
                writer.WriteLine(line);
                writer.Flush();
            }
        })
    {
    }

    public LineLoggerProvider(Action<LogLevel, string> sink) => _sink = sink;

    public ILogger CreateLogger(string categoryName) => new LineLogger(_sink);

    public void Dispose()
    {
    }

    private sealed class LineLogger(Action<LogLevel, string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var prefix = logLevel switch
            {
                LogLevel.Warning => "warning: ",
                LogLevel.Error or LogLevel.Critical => "error: ",
                _ => string.Empty,
            };
            var line = $"{DateTime.Now:HH:mm:ss.fff} {prefix}{formatter(state, exception)}";
            if (exception is not null && logLevel >= LogLevel.Error)
            {
                line += $" ({exception.GetType().Name}: {exception.Message})";
            }

            sink(logLevel, line);
        }
    }
}
