using System.Net;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>The executable's entry point: parse the command line, attach databases, serve.</summary>
public static class DatasetteHost
{
    /// <summary>The subcommands: each parses its own arguments with its syntax, which also writes its --help.</summary>
    private static readonly (ICommandSyntax Syntax, Func<IReadOnlyList<string>, Deployment, TextWriter, TextWriter, Task<int>> Run)[] Commands =
    [
        (CommandLine.Serve, ServeAsync),
        (InspectCommand.Syntax, (args, _, _, _) => Task.FromResult(InspectCommand.Run(args))),
        (CreateTokenCommand.Syntax, (args, _, output, error) => CreateTokenCommand.RunAsync(args, output, error)),
        (SchemaSnapshotCommand.Syntax, (args, deployment, output, _) => SchemaSnapshotCommand.RunAsync(args, deployment, output)),
        (OpenApiCommand.Syntax, (args, deployment, output, _) => OpenApiCommand.RunAsync(args, deployment, output)),
    ];

    /// <summary>Every subcommand's syntax, in the order the top-level help lists them.</summary>
    internal static IEnumerable<ICommandSyntax> CommandSyntaxes => Commands.Select(c => c.Syntax);

    public static Task<int> RunAsync(string[] args, Deployment deployment) => RunAsync(args, deployment, Console.Out, Console.Error);

    /// <summary>Runs the command line; help and messages go to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    internal static async Task<int> RunAsync(string[] args, Deployment deployment, TextWriter output, TextWriter error)
    {
        try
        {
            var pluginCommands = PluginCommands.From(deployment.Plugins, Commands.Select(c => c.Syntax.Name));
            if (args.Length > 0 && args[0] is "--help")
            {
                output.WriteLine(TopLevelUsage(pluginCommands));
                return 0;
            }
            if (args.Length > 0 && args[0] is "--version")
            {
                output.WriteLine($"datasette, version {Datasette.CompatibleVersion}");
                return 0;
            }
            // Without a command name the arguments are serve's (`datasette-gen data.db` serves data.db).
            var command = Commands.FirstOrDefault(c => args.Length > 0 && c.Syntax.Name == args[0]);
            if (command.Syntax is null && args.Length > 0 && pluginCommands.FirstOrDefault(c => c.Name == args[0]) is { } plugin)
            {
                return await PluginCommands.RunAsync(plugin, args.Skip(1).ToList(), output, error).ConfigureAwait(false);
            }
            return command.Syntax is null
                ? await ServeAsync(args, deployment, output, error).ConfigureAwait(false)
                : await command.Run(args.Skip(1).ToList(), deployment, output, error).ConfigureAwait(false);
        }
        catch (HelpRequestedException help)
        {
            output.WriteLine(help.Usage);
            return 0;
        }
        catch (CommandLineException ex)
        {
            error.WriteLine($"Error: {ex.Message}");
            return ex.ExitCode;
        }
    }

    private static string TopLevelUsage(IReadOnlyList<Plugins.PluginCommand> pluginCommands)
    {
        var listed = Commands.Select(c => (c.Syntax.Name, c.Syntax.Summary)).Concat(pluginCommands.Select(c => (c.Name, Summary: c.Description.Split('\n')[0].TrimEnd()))).ToList();
        var width = listed.Max(c => c.Name.Length) + 2;
        return "Usage: datasette-gen [serve] [OPTIONS] [FILES]...\n"
            + "       datasette-gen COMMAND [OPTIONS] [ARGS]...\n\n"
            + "  Datasette 1.0, compiled: serve SQLite databases as a JSON API and web pages.\n"
            + "  Without a COMMAND the arguments are serve's.\n\n"
            + "Options:\n"
            + "  --version  Show the version and exit.\n"
            + "  --help     Show this message and exit.\n\n"
            + "Commands:\n"
            + string.Concat(listed.Select(c => $"  {c.Name.PadRight(width)}{c.Summary}\n"))
            + "\n`datasette-gen COMMAND --help` lists a command's options.\n";
    }

    private static async Task<int> ServeAsync(IReadOnlyList<string> args, Deployment deployment, TextWriter output, TextWriter error)
    {
        var options = Resolve(CommandLine.ParseServe(args), error);
        if (options.Get is { } path)
        {
            return await GetCommand.RunAsync(deployment, options, path, output, error).ConfigureAwait(false);
        }
        if (options.Headers)
        {
            throw new CommandLineException("--headers can only be used with --get", 1);
        }
        if (options.Token is not null)
        {
            throw new CommandLineException("--token can only be used with --get", 1);
        }
        await using var server = await StartAsync(deployment, options).ConfigureAwait(false);
        output.WriteLine($"Datasette.Gen serving at {server.Urls.FirstOrDefault()}");
        if (options.Root && server.Datasette.RootToken is { } rootToken)
        {
            output.WriteLine($"{server.Urls.FirstOrDefault()?.TrimEnd('/')}{server.Datasette.Settings.BaseUrl}-/auth-token?token={rootToken}");
        }
        await server.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The options as every way of running an instance uses them: the environment's values filled in, and a
    /// configuration directory among the files replaced by its parts. Applying it again changes nothing.
    /// </summary>
    internal static ServeOptions Resolve(ServeOptions options, TextWriter? warnings = null) =>
        options.Resolved ? options : ConfigurationDirectory.Apply(WithEnvironment(options), warnings ?? Console.Error) with { Resolved = true };

    /// <summary>The options Datasette also reads from the environment, where the command line left them unset.</summary>
    internal static ServeOptions WithEnvironment(ServeOptions options)
    {
        // click splits a multiple option's environment variable on whitespace.
        var extensions = Environment.GetEnvironmentVariable("DATASETTE_LOAD_EXTENSION");
        return options with
        {
            LoadExtensions = options.LoadExtensions.Count > 0 || string.IsNullOrWhiteSpace(extensions)
                ? options.LoadExtensions
                : [.. extensions.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)],
            SslKeyFile = options.SslKeyFile ?? Environment.GetEnvironmentVariable("DATASETTE_SSL_KEYFILE"),
            SslCertFile = options.SslCertFile ?? Environment.GetEnvironmentVariable("DATASETTE_SSL_CERTFILE"),
        };
    }

    /// <summary>Builds and starts the server; the caller disposes it. Tests use this directly.</summary>
    internal static Task<DatasetteServer> StartAsync(Deployment deployment, ServeOptions options) => StartAsync(deployment, options, null);

    /// <summary>As <see cref="StartAsync(Deployment, ServeOptions)"/>, with Kestrel's options adjustable (tests shorten its timeouts).</summary>
    internal static async Task<DatasetteServer> StartAsync(Deployment deployment, ServeOptions options, Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? configureKestrel)
    {
        options = Resolve(options);
        var loaded = Prepare(deployment, options);
        // Databases, the internal catalog and Kestrel start side by side; requests wait for the
        // databases (a few milliseconds at most), so the first answer comes sooner.
        var starting = Task.Run(() => InitialiseAsync(deployment, options, loaded));

        var loggers = new LoggerFactory([new StandardErrorLoggerProvider(LogLevel.Warning)]);
        var logger = loggers.CreateLogger("Datasette");
        RequestPipeline? pipeline = null;
        IdleMemoryTrimmer? trimmer = null;
        async Task Handle(HttpContext context)
        {
            trimmer?.NoteActivity();
            if (pipeline is null)
            {
                var started = await starting.ConfigureAwait(false);
                pipeline = started.CreatePipeline(logger);
            }
            try
            {
                await pipeline.InvokeAsync(context).ConfigureAwait(false);
            }
            finally
            {
                // The end counts too: memory a long request held (a large page, a query up to the
                // time limit) is given back after it finishes, not only after the next request.
                trimmer?.NoteActivity();
            }
        }
        async ValueTask Stopped()
        {
            trimmer?.Dispose();
            await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        DatasetteServer server;
        try
        {
            server = await DatasetteServer.StartAsync(ListenAddress.From(options), loggers, Handle, starting, Stopped, configureKestrel).ConfigureAwait(false);
        }
        catch
        {
            loggers.Dispose();
            throw;
        }
        var datasette = server.Datasette;
        trimmer = new IdleMemoryTrimmer(() => [.. datasette.Databases, datasette.Internal.Database], TimeSpan.FromSeconds(1));
        return server;
    }

    /// <summary>What every way of running an instance does first: configuration read and checked, extensions found.</summary>
    internal static ConfigurationLoader.Loaded Prepare(Deployment deployment, ServeOptions options)
    {
        UseStaticSqlite();
        var loaded = ConfigurationLoader.Load(deployment, options);
        foreach (var warning in loaded.Warnings)
        {
            Console.Error.WriteLine(warning);
        }
        CheckExtensions(options.LoadExtensions);
        OpenApi.OpenApiParts.AddCompiled(deployment.OpenApi);
        return loaded;
    }

    /// <summary>Each --load-extension is loaded once now, so a missing or broken one stops start-up with its reason.</summary>
    private static void CheckExtensions(List<string> extensions)
    {
        for (var i = 0; i < extensions.Count; i++)
        {
            var resolved = SqliteExtension.Resolve(extensions[i]) ?? throw new CommandLineException("Could not find SpatiaLite extension", 1);
            extensions[i] = resolved;
            var (path, entryPoint) = SqliteExtension.Split(resolved);
            using var probe = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:;Pooling=False");
            try
            {
                probe.Open();
                probe.LoadExtension(path, entryPoint);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                throw new CommandLineException($"Could not load SQLite extension '{resolved}': {ex.Message}", 1);
            }
        }
    }

    internal static async Task<Datasette> InitialiseAsync(Deployment deployment, ServeOptions options, ConfigurationLoader.Loaded loaded)
    {
        // A backstop for what the per-value limit cannot see (many large values at once): past it SQLite
        // fails the allocation with SQLITE_NOMEM, which a request gets as a 400, instead of the process
        // growing until the kernel kills it. Process-wide, as SQLite's heap is.
        SQLitePCL.raw.sqlite3_hard_heap_limit64(loaded.Config.Settings.MaxSqliteMemoryMb * 1024L * 1024L);
        var internalDatabase = await InternalDatabase.OpenAsync(options.InternalPath).ConfigureAwait(false);
        var datasette = new Datasette(loaded.Config, internalDatabase, new DatasetteOptions
        {
            Secret = string.IsNullOrEmpty(options.Secret) ? Environment.GetEnvironmentVariable("DATASETTE_SECRET") : options.Secret,
            RootEnabled = options.Root,
            DefaultDeny = options.DefaultDeny,
            Cors = options.Cors,
            CrossDb = options.CrossDb,
            NoLock = options.NoLock,
            SqliteExtensions = options.LoadExtensions,
            CompiledPermissions = deployment.Permissions,
            Actions = deployment.Actions,
            Plugins = deployment.Plugins,
            Templates = deployment.Templates,
            StaticMounts = options.StaticMounts,
            VersionNote = options.VersionNote,
        });
        try
        {
            AttachDatabases(datasette, deployment, options);
            CheckConfigurationAgainstSchema(datasette, loaded);
            ReserveThreadsForSql(datasette);
            await datasette.Internal.Metadata.WriteAsync(loaded.Metadata).ConfigureAwait(false);
            await datasette.Internal.Queries.SaveConfigQueriesAsync(loaded.Config).ConfigureAwait(false);
            await datasette.RefreshCatalogAsync(force: true).ConfigureAwait(false);
            await datasette.InvokeStartupAsync().ConfigureAwait(false);
            foreach (var warning in datasette.StartupWarnings)
            {
                Console.Error.WriteLine(warning);
            }
            return datasette;
        }
        catch
        {
            await datasette.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Configuration given at start-up meets the databases it describes: the build's schema checks
    /// run on the live files and their diagnostics are printed. Not fatal: Datasette serves such a
    /// configuration (a stored query that fails answers 400, a database not served is ignored), and
    /// so do the conformance instances.
    /// </summary>
    private static void CheckConfigurationAgainstSchema(Datasette datasette, ConfigurationLoader.Loaded loaded)
    {
        foreach (var diagnostic in loaded.CheckSchema?.Invoke(SchemaSnapshotBuilder.Build(datasette)) ?? [])
        {
            Console.Error.WriteLine(diagnostic);
        }
    }

    /// <summary>
    /// SQL runs synchronously on pool threads, so a query running up to the time limit holds its
    /// thread (and so does a request waiting for a SQL slot). With the pool's minimum at the core
    /// count, four such queries left every other request waiting for the pool to add threads
    /// (/-/versions.json took 0.9 s behind them); the minimum now covers the SQL slots as well.
    /// </summary>
    private static void ReserveThreadsForSql(Datasette datasette)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var needed = Environment.ProcessorCount + 1 + datasette.Databases.Sum(d => Math.Max(d.MaxConcurrentReads, 1));
        if (needed > workers)
        {
            ThreadPool.SetMinThreads(needed, completionPorts);
        }
    }

    /// <summary>SQLite is linked into the executable (or loaded as libsqlite3 when running under dotnet).</summary>
    internal static void UseStaticSqlite()
    {
        SqliteProvider.Use();
    }

    internal static void AttachDatabases(Datasette datasette, Deployment deployment, ServeOptions options)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        // Datasette's order: the named files, the immutable ones, then a configuration directory's.
        var files = options.Files.Select(f => (f, false)).Concat(options.ImmutableFiles.Select(f => (f, true))).Concat(options.DirectoryFiles.Select(f => (f, false)));
        foreach (var (file, immutable) in files)
        {
            if (!File.Exists(file))
            {
                if (!options.Create || immutable)
                {
                    throw new CommandLineException($"Invalid value for '[FILES]...': Path '{file}' does not exist.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                File.WriteAllBytes(file, Array.Empty<byte>());
            }
            var absolute = Path.GetFullPath(file);
            if (seen.TryGetValue(absolute, out var previous))
            {
                if (immutable)
                {
                    continue; // -i for a file also given as a plain argument: immutable wins below
                }
                // The later spelling first, as Datasette words it.
                throw new CommandLineException($"Duplicate database file: '{file}' and '{previous}' both refer to {absolute}", 1);
            }
            seen[absolute] = file;
        }
        var immutables = new HashSet<string>(options.ImmutableFiles.Select(Path.GetFullPath));
        var inspected = options.InspectFile is null ? new List<InspectEntry>() : InspectData.Read(options.InspectFile).ToList();
        foreach (var (absolute, file) in seen)
        {
            var kind = immutables.Contains(absolute) || options.InspectedFileNames.Contains(Path.GetFileName(file)) ? DatabaseKind.ImmutableFile : DatabaseKind.MutableFile;
            var database = new Database(kind, file, cacheSizeKb: datasette.Settings.CacheSizeKb);
            if (kind == DatabaseKind.ImmutableFile && inspected.Find(e => e.File == Path.GetFileName(file)) is { } entry)
            {
                database.UseInspected(entry);
            }
            Check(datasette.AddDatabase(database));
        }
        if (seen.Count == 0)
        {
            foreach (var (name, database) in EmbeddedDatabases.Databases(System.Reflection.Assembly.GetEntryAssembly(), datasette.Settings.CacheSizeKb))
            {
                Check(datasette.AddDatabase(database, name));
            }
            foreach (var embedded in deployment.DefaultDatabases)
            {
                // A memory name of its own: shared-cache memory databases are process-wide, and a second
                // instance in the same process (tests, embedding) would otherwise re-run the script on the first's data.
                var memoryName = $"{embedded.Name}-{Guid.NewGuid():N}";
                var database = new Database(DatabaseKind.NamedMemory, memoryName: memoryName, cacheSizeKb: datasette.Settings.CacheSizeKb);
                database.WriteAsync(c =>
                {
                    using var command = c.Connection.CreateCommand();
                    command.CommandText = embedded.Sql;
                    return command.ExecuteNonQuery();
                }).GetAwaiter().GetResult();
                datasette.AddDatabase(database, embedded.Name);
            }
        }
        if (options.Memory || options.CrossDb || (datasette.Databases.Count == 0))
        {
            datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "_memory");
        }
        if (options.CrossDb && datasette.Databases.Count(d => d.AttachUri is not null) > Datasette.CrossDbLimit)
        {
            Console.Error.WriteLine($"Warning: --crossdb only works with the first {Datasette.CrossDbLimit} attached databases");
        }
    }

    private static void Check(Database database)
    {
        try
        {
            _ = database.Schema;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or SqlErrorException)
        {
            throw new CommandLineException($"Connection to {database.Path} failed check: {ex.Message}", 1);
        }
    }
}
