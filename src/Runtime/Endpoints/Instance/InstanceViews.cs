using System.Runtime.InteropServices;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>The instance introspection endpoints: versions, settings, config, databases, actor, plugins.</summary>
internal static class InstanceViews
{
    // The SQLite library is the process's: read once, on the internal database, whose connections
    // request SQL never holds (versions answers at once while user queries fill every SQL slot).
    private static (string Version, List<string> Options, List<string> Fts)? _sqliteVersions;

    private static (string Version, List<string> Options, List<string> Fts) SqliteVersions(Data.Database sqlite) => sqlite.Read(c =>
    {
        string Scalar(string sql)
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        var compileOptions = new List<string>();
        using (var command = c.Connection.CreateCommand())
        {
            command.CommandText = "pragma compile_options";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                compileOptions.Add(reader.GetString(0));
            }
        }
        var ftsVersions = new List<string>();
        foreach (var candidate in new[] { "FTS5", "FTS4", "FTS3" })
        {
            if (compileOptions.Contains("ENABLE_" + candidate) || Scalar($"select sqlite_compileoption_used('ENABLE_{candidate}')") == "1")
            {
                ftsVersions.Add(candidate);
            }
        }
        return (Scalar("select sqlite_version()"), compileOptions, ftsVersions);
    });

    public static Task VersionsAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        var (version, options, fts) = _sqliteVersions ??= SqliteVersions(datasette.Internal.Database);
        return DebugPages.SendDataAsync(request, datasette, "versions", writer =>
        {
            writer.WriteStartObject("datasette");
            writer.WriteString("version", Datasette.CompatibleVersion);
            if (!string.IsNullOrEmpty(datasette.Options.VersionNote))
            {
                writer.WriteString("note", datasette.Options.VersionNote);
            }
            writer.WriteEndObject();
            writer.WriteStartObject("datasette_gen");
            writer.WriteString("version", typeof(Datasette).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            writer.WriteEndObject();
            writer.WriteStartObject("dotnet");
            writer.WriteString("version", Environment.Version.ToString());
            writer.WriteString("full", RuntimeInformation.FrameworkDescription);
            writer.WriteBoolean("native_aot", !RuntimeFeature());
            writer.WriteEndObject();
            writer.WriteStartObject("sqlite");
            writer.WriteString("version", version);
            writer.WriteStartArray("fts_versions");
            foreach (var item in fts)
            {
                writer.WriteStringValue(item);
            }
            writer.WriteEndArray();
            writer.WriteStartObject("extensions");
            writer.WriteBoolean("json1", true);
            writer.WriteEndObject();
            writer.WriteStartArray("compile_options");
            foreach (var option in options)
            {
                writer.WriteStringValue(option);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public static Task SettingsAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        return DebugPages.SendDataAsync(request, datasette, "settings", writer => SettingsJson.Write(writer, datasette.Settings));
    }

    public static Task ConfigAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        return DebugPages.SendDataAsync(request, datasette, "config", writer =>
        {
            foreach (var entry in datasette.Config.Effective.DistinctEntries())
            {
                writer.WritePropertyName(entry.Key);
                ConfigNodeJson.Write(writer, entry.Value, redact: true);
            }
        });
    }

    public static Task DatabasesAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        return DebugPages.SendDataAsync(request, datasette, "databases", writer =>
        {
            writer.WriteStartArray("databases");
            foreach (var database in datasette.Databases)
            {
                if (!request.Allowed("view-database", database.Name))
                {
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteString("name", database.Name);
                writer.WriteString("route", database.Route);
                writer.WriteString("path", database.IsMemory ? null : database.Path);
                writer.WriteNumber("size", database.Size);
                writer.WriteBoolean("is_mutable", database.IsMutable);
                writer.WriteBoolean("is_memory", database.IsMemory);
                writer.WriteString("hash", database.Hash);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    /// <summary><c>/-/actor.json</c>: the current actor, or null (no permission needed).</summary>
    public static Task ActorAsync(DatasetteRequest request, Datasette datasette) =>
        DebugPages.SendDataAsync(request, datasette, "actor", writer =>
        {
            writer.WriteNode("actor", request.Actor);
        });

    public static Task PluginsAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        if (!DebugPages.WantsJson(request))
        {
            return DebugPages.SendDataPageAsync(request, datasette, "plugins", writer => WritePlugins(writer, datasette));
        }
        using var body = new JsonBody();
        WritePlugins(body.Writer, datasette);
        return body.SendAsync(request.Context);
    }

    private static void WritePlugins(System.Text.Json.Utf8JsonWriter writer, Datasette datasette)
    {
        writer.WriteStartArray();
        var plugins = new List<Plugins.PluginInfo>(datasette.Plugins.Plugins);
        plugins.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var plugin in plugins)
        {
            writer.WriteStartObject();
            writer.WriteString("name", plugin.Name);
            writer.WriteBoolean("static", plugin.Static);
            writer.WriteBoolean("templates", plugin.Templates);
            writer.WriteString("version", plugin.Version);
            writer.WriteStartArray("hooks");
            var hooks = new List<string>(plugin.Hooks);
            hooks.Sort(string.CompareOrdinal);
            foreach (var hook in hooks)
            {
                writer.WriteStringValue(hook);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static bool RuntimeFeature() => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
}
