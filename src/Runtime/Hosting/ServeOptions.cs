namespace Datasette.Gen.Runtime.Hosting;

/// <summary>The options of <c>serve</c>, named as Datasette's CLI names them.</summary>
public sealed record ServeOptions
{
    public List<string> Files { get; init; } = new();
    public List<string> ImmutableFiles { get; init; } = new();
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8001;
    public string? MetadataFile { get; init; }
    public string? ConfigFile { get; init; }
    public List<KeyValuePair<string, string>> Settings { get; init; } = new();
    public bool Memory { get; init; }
    public string? Secret { get; init; }
    public bool Root { get; init; }
    public bool DefaultDeny { get; init; }
    public string? InternalPath { get; init; }
    public bool Cors { get; init; }
    public bool Create { get; init; }

    /// <summary><c>--inspect-file</c>: hashes and counts for immutable files, from <c>datasette-gen inspect</c>.</summary>
    public string? InspectFile { get; init; }
    public string? Get { get; init; }

    /// <summary><c>--headers</c>: with <c>--get</c>, print the status line and headers before the body.</summary>
    public bool Headers { get; init; }

    /// <summary><c>--token</c>: with <c>--get</c>, sent as <c>Authorization: Bearer TOKEN</c>.</summary>
    public string? Token { get; init; }

    /// <summary><c>--actor</c>: with <c>--get</c>, a JSON actor sent as a signed <c>ds_actor</c> cookie.</summary>
    public string? Actor { get; init; }

    /// <summary><c>--uds</c>: listen on this Unix domain socket instead of host and port.</summary>
    public string? Uds { get; init; }

    /// <summary><c>--load-extension PATH[:ENTRYPOINT]</c> (or DATASETTE_LOAD_EXTENSION), loaded into every data connection.</summary>
    public List<string> LoadExtensions { get; init; } = new();

    /// <summary><c>--crossdb</c>: the first 10 file databases are attached to <c>_memory</c>'s connections.</summary>
    public bool CrossDb { get; init; }

    /// <summary><c>--nolock</c>: mutable files are read with <c>nolock=1</c>.</summary>
    public bool NoLock { get; init; }

    /// <summary><c>--ssl-keyfile</c> (or DATASETTE_SSL_KEYFILE): PEM private key for HTTPS.</summary>
    public string? SslKeyFile { get; init; }

    /// <summary><c>--ssl-certfile</c> (or DATASETTE_SSL_CERTFILE): PEM certificate for HTTPS.</summary>
    public string? SslCertFile { get; init; }

    /// <summary><c>--static MOUNT:DIR</c>, and a configuration directory's <c>static/</c> when none is given.</summary>
    internal List<Http.StaticMount> StaticMounts { get; init; } = new();

    /// <summary>The configuration directory's database files: attached after the files named on the command line.</summary>
    internal List<string> DirectoryFiles { get; init; } = new();

    /// <summary>File names a configuration directory's inspect-data.json lists: those databases are immutable (when no -i is given).</summary>
    internal IReadOnlySet<string> InspectedFileNames { get; init; } = new HashSet<string>();

    /// <summary>A configuration directory's settings.json: settings under the configuration file's and -s.</summary>
    internal string? SettingsFile { get; init; }

    /// <summary><c>--version-note</c>: shown as <c>datasette.note</c> in <c>/-/versions</c>.</summary>
    internal string? VersionNote { get; init; }

    /// <summary><c>--template-dir</c>, or a configuration directory's <c>templates/</c>.</summary>
    internal string? TemplateDir { get; init; }

    /// <summary><c>--plugins-dir</c>, or a configuration directory's <c>plugins/</c>.</summary>
    internal string? PluginsDir { get; init; }

    /// <summary>The directory and environment were applied (<see cref="DatasetteHost.Resolve"/>), and its warnings printed.</summary>
    internal bool Resolved { get; init; }
}
