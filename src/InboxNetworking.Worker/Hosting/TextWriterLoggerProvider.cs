using Microsoft.Extensions.Logging;

namespace InboxNetworking.Worker.Hosting;

/// <summary>Logs one line per event to the CLI's error writer, so stdout stays for results.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{Level(logLevel)}: {formatter(state, exception)}";
            lock (writer)
                writer.WriteLine(line);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Warning => "warn",
            LogLevel.Error or LogLevel.Critical => "error",
            LogLevel.Information => "info",
            _ => "debug",
        };
    }
}
