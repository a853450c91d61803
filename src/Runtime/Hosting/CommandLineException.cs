namespace Datasette.Gen.Runtime.Hosting;

/// <summary>A usage or start-up error: printed as "Error: message" with Datasette's exit code (2 usage, 1 runtime).</summary>
internal sealed class CommandLineException(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
