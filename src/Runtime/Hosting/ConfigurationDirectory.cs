using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Configuration-directory mode (cli-and-config.md §5): <c>serve mydir/</c> reads the directory's
/// databases and files as if each had been given with its option. In a compiled deployment the
/// directory is what the command line gives at run time, so each part means what that option means:
/// <list type="bullet">
/// <item><c>*.db</c>, <c>*.sqlite</c>, <c>*.sqlite3</c>: databases after the named files. As with files on the
/// command line, the deployment's embedded databases are then not served; a directory without databases
/// configures the embedded ones;</item>
/// <item><c>datasette.json|yaml|yml</c> (unless <c>-c</c>): replaces the compiled configuration, checked like
/// <c>-c</c> (the build's DSG errors stop start-up, its schema diagnostics are printed); <c>-s</c> pairs
/// merge over it (Datasette would ignore the file instead: the spec's recommended fix);</item>
/// <item><c>metadata.json|yaml|yml</c> (unless <c>-m</c>): as <c>-m</c>;</item>
/// <item><c>settings.json</c>: a mapping of settings under the configuration file's and <c>-s</c>. Datasette's
/// documentation still names it but 1.0a37 no longer reads it; a <c>default_allow_sql: false</c> there
/// that was quietly dropped would open SQL to everyone, so it is honoured and checked;</item>
/// <item><c>inspect-data.json</c> (unless <c>--inspect-file</c>): hashes and counts, and the databases it lists
/// become immutable unless <c>-i</c> names the immutable files;</item>
/// <item><c>static/</c> (unless <c>--static</c>): served at <c>/static/</c>;</item>
/// <item><c>plugins/</c> (unless <c>--plugins-dir</c>, checked the same way): Python plugins cannot run in a compiled deployment, whose plugins are C# classes
/// compiled in. Serving without them could drop an authentication or permission plugin, so a folder that
/// holds any <c>*.py</c> stops start-up;</item>
/// <item><c>templates/</c> (unless <c>--template-dir</c>, treated the same way): templates are Razor compiled into the
/// executable at build (docs/templates.md), never read at run time, so the folder is ignored with a warning saying
/// how to use it (it changes HTML only; the JSON API is the same with or without it).</item>
/// </list>
/// </summary>
internal static class ConfigurationDirectory
{
    private static readonly string[] DatabaseExtensions = [".db", ".sqlite", ".sqlite3"];
    private static readonly string[] ConfigNames = ["datasette.json", "datasette.yaml", "datasette.yml"];
    private static readonly string[] MetadataNames = ["metadata.json", "metadata.yaml", "metadata.yml"];

    /// <summary>
    /// <paramref name="options"/> with a directory among the files replaced by what it holds (unchanged when
    /// there is none); then the plugin and template folders, the directory's or the options', are checked.
    /// </summary>
    public static ServeOptions Apply(ServeOptions options, TextWriter warnings)
    {
        var resolved = WithDirectory(options);
        RefusePythonPlugins(resolved.PluginsDir);
        if (resolved.TemplateDir is { } templates)
        {
            warnings.WriteLine($"Warning: {templates} is not used: templates are compiled into the executable, not read at run time; to use them, put them beside datasette.yaml as templates/*.cshtml and build the deployment (docs/templates.md).");
        }
        return resolved;
    }

    private static ServeOptions WithDirectory(ServeOptions options)
    {
        var directories = options.Files.Where(Directory.Exists).ToList();
        if (directories.Count == 0)
        {
            return options;
        }
        if (directories.Count > 1)
        {
            throw new CommandLineException("Cannot pass multiple directories. Pass a single directory as config_dir.", 1);
        }
        var directory = directories[0];
        var files = options.Files.Where(f => f != directory).ToList();
        var databases = DatabaseFiles(directory);
        var inspectFile = options.InspectFile ?? Existing(directory, "inspect-data.json");
        var inspectedNames = options.InspectFile is null && inspectFile is not null && options.ImmutableFiles.Count == 0
            ? InspectData.Read(inspectFile).Select(e => e.File).ToHashSet(StringComparer.Ordinal)
            : options.InspectedFileNames;
        var staticFolder = Path.Combine(directory, "static");
        return options with
        {
            Files = files,
            DirectoryFiles = [.. options.DirectoryFiles, .. databases],
            ConfigFile = options.ConfigFile ?? ConfigNames.Select(n => Existing(directory, n)).FirstOrDefault(p => p is not null),
            MetadataFile = options.MetadataFile ?? MetadataNames.Select(n => Existing(directory, n)).FirstOrDefault(p => p is not null),
            SettingsFile = Existing(directory, "settings.json"),
            InspectFile = inspectFile,
            InspectedFileNames = inspectedNames,
            TemplateDir = options.TemplateDir ?? ExistingDirectory(directory, "templates"),
            PluginsDir = options.PluginsDir ?? ExistingDirectory(directory, "plugins"),
            StaticMounts = options.StaticMounts.Count == 0 && Directory.Exists(staticFolder)
                ? [new StaticMount("static", Path.GetFullPath(staticFolder))]
                : options.StaticMounts,
        };
    }

    /// <summary>Top-level files only, by extension then name (Python's glob order is the file system's; a sort makes it stable).</summary>
    private static List<string> DatabaseFiles(string directory) =>
        DatabaseExtensions
            .SelectMany(extension => Directory.EnumerateFiles(directory)
                .Where(f => Path.GetExtension(f) == extension && !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal))
            .ToList();

    /// <summary>The path when something is there, a file or not: one that cannot be read as a file is then an error, not skipped.</summary>
    private static string? Existing(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return Path.Exists(path) ? path : null;
    }

    private static string? ExistingDirectory(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return Directory.Exists(path) ? path : null;
    }

    private static void RefusePythonPlugins(string? plugins)
    {
        if (plugins is null)
        {
            return;
        }
        var python = Directory.EnumerateFiles(plugins, "*.py").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (python.Count > 0)
        {
            throw new CommandLineException(
                $"{plugins} holds Python plugins ({string.Join(", ", python)}), which a compiled deployment cannot run: "
                + "its plugins are C# classes built into the executable (docs/plugins.md). Move or remove the folder to serve without them.",
                1);
        }
    }
}
