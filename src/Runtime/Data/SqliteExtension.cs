namespace Datasette.Gen.Runtime.Data;

/// <summary>A <c>--load-extension</c> value: <c>PATH</c> or <c>PATH:ENTRYPOINT</c>, or <c>spatialite</c> for the usual install locations.</summary>
internal static class SqliteExtension
{
    /// <summary>Where SpatiaLite is usually installed (Debian/Ubuntu, Homebrew, /usr/local), searched in Datasette's order.</summary>
    private static readonly string[] SpatiaLitePaths =
    [
        "/usr/lib/x86_64-linux-gnu/mod_spatialite.so",
        "/usr/local/lib/mod_spatialite.dylib",
        "/usr/local/lib/mod_spatialite.so",
        "/opt/homebrew/lib/mod_spatialite.dylib",
    ];

    /// <summary>The path and the entry point (null: SQLite derives it from the file name).</summary>
    public static (string Path, string? EntryPoint) Split(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (value, null) : (value[..colon], value[(colon + 1)..]);
    }

    /// <summary>The value itself, or for <c>spatialite</c> the first install location found (null when none is).</summary>
    public static string? Resolve(string value) =>
        value == "spatialite" ? SpatiaLitePaths.FirstOrDefault(File.Exists) : value;
}
