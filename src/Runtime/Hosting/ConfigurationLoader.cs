using System.Globalization;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// The run-time half of configuration: files given with -c/-m and -s pairs go through the same
/// reader and binder the generator uses at build time, so they fail with the same diagnostics.
/// </summary>
internal static class ConfigurationLoader
{
    /// <param name="CheckSchema">
    /// For configuration given at start-up (-c, -m, -s): binds it again against the attached
    /// databases' live schema and gives the build's schema diagnostics (unknown database, table,
    /// column, stored query SQL SQLite refuses) that the first binding did not; null when the
    /// compiled configuration is used, which the build already checked.
    /// </param>
    public sealed record Loaded(DatasetteConfig Config, EquatableArray<MetadataItem> Metadata, IReadOnlyList<string> Warnings,
        Func<SchemaSnapshot, IReadOnlyList<string>>? CheckSchema = null);

    public static Loaded Load(Deployment deployment, ServeOptions options)
    {
        if (options.ConfigFile is null && options.MetadataFile is null && options.Settings.Count == 0 && options.SettingsFile is null)
        {
            return new Loaded(deployment.Config, deployment.Metadata, Array.Empty<string>());
        }
        var config = options.ConfigFile is null
            ? new ConfigDocument("datasette.yaml", deployment.Config.Effective, EquatableArray<Configuration.Diagnostics.ConfigDiagnostic>.Empty)
            : Read(options.ConfigFile);
        if (options.SettingsFile is not null)
        {
            config = UnderSettings(config, Read(options.SettingsFile));
        }
        if (options.Settings.Count > 0)
        {
            config = config with { Root = ApplySettings(config.Root as ConfigMapping ?? ConfigTree.EmptyMapping(SourceSpan.None("-s")), options.Settings) };
        }
        var metadata = options.MetadataFile is null ? null : Read(options.MetadataFile);
        // Plugin actions compiled into the deployment may be named in permissions blocks, as at build time.
        var actions = deployment.Actions?.Select(a => a.Name).ToList();
        var result = ConfigBinder.Bind(config, metadata, actions);
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        if (errors.Count > 0)
        {
            throw new CommandLineException(string.Join(Environment.NewLine, errors), 1);
        }
        var items = metadata is null ? deployment.Metadata : result.Metadata;
        var warnings = result.Diagnostics.Where(d => !d.IsError).Select(d => d.ToString()).ToList();
        return new Loaded(result.Config, items, warnings, schema =>
        {
            var diagnostics = ConfigBinder.Bind(config, metadata, actions, schema).Diagnostics;
            return diagnostics.Select(d => d.ToString()).Except(warnings).ToList();
        });
    }

    /// <summary>
    /// A configuration directory's settings.json (a mapping of setting names) as the lowest layer of
    /// <c>settings</c>: the configuration file's own settings and then -s override it. Its values keep
    /// their place in settings.json, so a mistake there is reported at its line.
    /// </summary>
    private static ConfigDocument UnderSettings(ConfigDocument config, ConfigDocument settings)
    {
        var diagnostics = config.Diagnostics.Concat(settings.Diagnostics).ToList();
        switch (settings.Root)
        {
            case null:
                break;
            case ConfigMapping mapping:
                var layered = ConfigTree.SetPath(ConfigTree.EmptyMapping(mapping.Span), ["settings"], mapping);
                var root = config.Root is ConfigMapping configRoot ? ConfigTree.Merge(layered, configRoot) : config.Root;
                return config with { Root = root ?? layered, Diagnostics = diagnostics.ToEquatableArray() };
            case var other:
                diagnostics.Add(ConfigDiagnostic.Create(DiagnosticCatalog.SettingsNotMapping, other.Span, other is ConfigScalar scalar ? $"{scalar.TypeName} {scalar.PythonRepr}" : other.TypeName));
                break;
        }
        return config with { Diagnostics = diagnostics.ToEquatableArray() };
    }

    private static ConfigDocument Read(string path)
    {
        if (!Path.Exists(path))
        {
            throw new CommandLineException($"Invalid value for '-c' / '-m': File '{path}' does not exist.");
        }
        return ConfigReader.Read(path, StartupFiles.ReadText(path));
    }

    /// <summary>-s pairs: a bare setting name is checked and typed; a dotted key takes JSON or a string.</summary>
    private static ConfigMapping ApplySettings(ConfigMapping root, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var (key, value) in pairs)
        {
            var span = SourceSpan.None("-s " + key);
            string[] path;
            ConfigNode node;
            if (SettingDefinition.TryGet(key, out var definition))
            {
                path = new[] { "settings", key };
                node = definition.Kind switch
                {
                    SettingKind.Boolean => new ConfigScalar(ScalarKind.Boolean, ParseBoolean(key, value) ? "true" : "false", span),
                    SettingKind.Integer => new ConfigScalar(ScalarKind.Integer, ParseInteger(key, value), span),
                    _ => ConfigScalar.String(value, span),
                };
            }
            else
            {
                path = key.Split('.');
                var parsed = value.Length > 0 && "{[\"-0123456789tfn".Contains(value[0]) ? ConfigReader.Read("-s " + key, value) : null;
                node = parsed is { Root: { } root2, Diagnostics.Count: 0 } && !(root2 is ConfigScalar { Kind: ScalarKind.String }) && LooksLikeJson(value)
                    ? root2
                    : ConfigScalar.String(value, span);
            }
            root = ConfigTree.SetPath(root, path, node);
        }
        return root;
    }

    private static bool LooksLikeJson(string value) => value is "true" or "false" or "null" || value[0] is '{' or '[' or '"' || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool ParseBoolean(string key, string value) => value.ToLowerInvariant() switch
    {
        "on" or "true" or "1" => true,
        "off" or "false" or "0" => false,
        _ => throw new CommandLineException($"\"settings.{key}\" should be on/off/true/false/1/0"),
    };

    private static string ParseInteger(string key, string value)
    {
        if (value.Length == 0 || value.Any(c => c is < '0' or > '9') || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new CommandLineException($"\"settings.{key}\" should be an integer");
        }
        return number.ToString(CultureInfo.InvariantCulture);
    }
}
