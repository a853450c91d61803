namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Reads the files start-up is given (configuration, metadata, settings, inspect data): one that is
/// missing, a directory or not readable stops start-up with its path and the reason, never an
/// unhandled exception.
/// </summary>
internal static class StartupFiles
{
    public static string ReadText(string path) => Read(path, File.ReadAllText);

    public static byte[] ReadBytes(string path) => Read(path, File.ReadAllBytes);

    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CommandLineException($"Could not read {path}: {ex.Message}", 1);
        }
    }
}
