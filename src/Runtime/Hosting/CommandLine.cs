using System.Globalization;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Datasette's <c>serve</c> command line: <c>serve [FILES] -h HOST -p PORT -m FILE -c FILE -i FILE
/// -s KEY VALUE --memory --secret S ...</c>; bare files mean <c>serve</c>.
/// </summary>
internal static class CommandLine
{
    public const string ServeName = "serve";

    /// <summary>
    /// The options that decide what the instance serves (databases, configuration, secret,
    /// permissions): serve's, and those of the commands that build an instance as serve would.
    /// </summary>
    internal static IReadOnlyList<CommandOption<ServeOptions>> InstanceOptions { get; } =
    [
        new("-i, --immutable", "PATH", "Database files to open in immutable mode", (o, v) => Add(o, o.ImmutableFiles, v[0])),
        new("-m, --metadata", "FILE", "Path to a JSON/YAML metadata file", (o, v) => o with { MetadataFile = v[0] }),
        new("-c, --config", "FILE", "Path to a JSON/YAML configuration file (replaces the compiled one)", (o, v) => o with { ConfigFile = v[0] }),
        new("-s, --setting", "KEY VALUE", "Setting or dotted configuration key", (o, v) => Add(o, o.Settings, new KeyValuePair<string, string>(v[0], v[1]))),
        new("--memory", "", "Also serve an in-memory database named _memory", (o, _) => o with { Memory = true }),
        new("--secret", "TEXT", "Secret used for signing cookies and tokens (or DATASETTE_SECRET)", (o, v) => o with { Secret = v[0] }),
        new("--default-deny", "", "Deny all permissions by default", (o, _) => o with { DefaultDeny = true }),
        new("--internal", "PATH", "Persist the internal database in this file", (o, v) => o with { InternalPath = v[0] }),
        new("--create", "", "Create missing database files", (o, _) => o with { Create = true }),
        new("--inspect-file", "PATH", "Hashes and counts of immutable files, from `inspect`", (o, v) => o with { InspectFile = v[0] }),
        new("--load-extension", "PATH:ENTRYPOINT?", "Path to a SQLite extension to load, and optional entrypoint", (o, v) => Add(o, o.LoadExtensions, v[0])),
        new("--crossdb", "", "Enable cross-database joins using the /_memory database", (o, _) => o with { CrossDb = true }),
        new("--nolock", "", "Ignore locking, open locked files in read-only mode", (o, _) => o with { NoLock = true }),
        new("--static", "MOUNT:DIRECTORY", "Serve static files from this directory at /MOUNT/...", (o, v) => Add(o, o.StaticMounts, ParseStaticMount(v[0]))),
        new("--template-dir", "DIRECTORY", "Path to directory containing custom templates (not used: templates are compiled in at build)", (o, v) => o with { TemplateDir = ExistingDirectory("--template-dir", v[0]) }),
        new("--plugins-dir", "DIRECTORY", "Path to directory containing custom plugins (Python plugins stop start-up)", (o, v) => o with { PluginsDir = ExistingDirectory("--plugins-dir", v[0]) }),
        new("--version-note", "TEXT", "Additional note to show on /-/versions", (o, v) => o with { VersionNote = v[0] }),
    ];

    /// <summary>The options of the running server alone (where it listens, what it prints).</summary>
    private static IReadOnlyList<CommandOption<ServeOptions>> ServerOptions { get; } =
    [
        new("-h, --host", "TEXT", "Host to bind to (default 127.0.0.1)", (o, v) => o with { Host = v[0] }),
        new("-p, --port", "INTEGER", "Port to bind to (default 8001, 0 picks a free port)", (o, v) => o with { Port = ParsePort(v[0]) }),
        new("--root", "", "Output URL that sets a cookie authenticating the root user", (o, _) => o with { Root = true }),
        new("--cors", "", "Enable CORS by serving Access-Control-Allow-Origin: *", (o, _) => o with { Cors = true }),
        new("--uds", "TEXT", "Bind to a Unix domain socket", (o, v) => o with { Uds = v[0] }),
        new("--get", "TEXT", "Run an HTTP GET request against this path, print results and exit", (o, v) => o with { Get = v[0] }),
        new("--headers", "", "Include HTTP headers in --get output", (o, _) => o with { Headers = true }),
        new("--token", "TEXT", "API token to send with --get requests", (o, v) => o with { Token = v[0] }),
        new("--actor", "TEXT", "Actor to use for --get requests (JSON string)", (o, v) => o with { Actor = v[0] }),
        new("--ssl-keyfile", "TEXT", "SSL key file (or DATASETTE_SSL_KEYFILE)", (o, v) => o with { SslKeyFile = v[0] }),
        new("--ssl-certfile", "TEXT", "SSL certificate file (or DATASETTE_SSL_CERTFILE)", (o, v) => o with { SslCertFile = v[0] }),
    ];

    internal static CommandSyntax<ServeOptions> Serve { get; } = new(
        ServeName,
        "[FILES]...",
        "Serve up specified SQLite database files with a web UI and JSON API.\n(The default command: `datasette-gen FILES...` is `datasette-gen serve FILES...`.)",
        ServerOptions.Concat(InstanceOptions),
        WithFile);

    public static string Usage => Serve.Usage;

    /// <summary>serve's arguments; --help throws <see cref="HelpRequestedException"/>, a bad one <see cref="CommandLineException"/>.</summary>
    public static ServeOptions ParseServe(IReadOnlyList<string> args) => Serve.Parse(args, new ServeOptions());

    /// <summary>A database file given as a bare argument.</summary>
    internal static ServeOptions WithFile(ServeOptions options, string file) => Add(options, options.Files, file);

    private static int ParsePort(string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65535
            ? number
            : throw new CommandLineException($"Invalid value for '-p' / '--port': '{port}' is not in the range 0<=x<=65535.");

    /// <summary>Checked as Datasette's click type checks it: a colon, and an existing directory after it.</summary>
    private static StaticMount ParseStaticMount(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new CommandLineException($"Invalid value for '--static': \"{value}\" should be of format mountpoint:directory");
        }
        var directory = Path.GetFullPath(value[(colon + 1)..]);
        return Directory.Exists(directory)
            ? new StaticMount(value[..colon], directory)
            : throw new CommandLineException($"Invalid value for '--static': {value} is not a valid directory path");
    }

    private static string ExistingDirectory(string option, string path) =>
        Directory.Exists(path) ? path : throw new CommandLineException($"Invalid value for '{option}': Directory '{path}' does not exist.");

    /// <summary>Adds to one of the option lists, which belong to this parse alone (it starts from a new ServeOptions).</summary>
    private static ServeOptions Add<TItem>(ServeOptions options, List<TItem> list, TItem item)
    {
        list.Add(item);
        return options;
    }
}
