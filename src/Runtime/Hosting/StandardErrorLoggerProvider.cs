using Microsoft.Extensions.Logging;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Writes warnings and errors (Kestrel's and the request pipeline's unhandled exceptions) to
/// standard error, one line plus the exception. The console logging package would add an
/// options system, a formatter and a queue thread to every start for these rare lines.
/// </summary>
internal sealed class StandardErrorLoggerProvider(LogLevel minimum, TextWriter? output = null) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum, output);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogLevel minimum, TextWriter? output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = $"{Label(logLevel)}: {category}: {formatter(state, exception)}";
            (output ?? Console.Error).WriteLine(exception is null ? line : line + Environment.NewLine + exception);
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            LogLevel.Critical => "crit",
            _ => level.ToString().ToLowerInvariant(),
        };
    }
}
