using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Binding;

/// <summary>
/// Datasette 1.0's split of a metadata file: <c>plugins</c>, <c>allow</c> and table options move
/// into the configuration (replacing what was there); everything else becomes metadata rows.
/// </summary>
internal static class MetadataBinder
{
    public static ConfigMapping Migrate(ConfigMapping config, ConfigMapping metadata, List<MetadataItem> items, BindContext context)
    {
        foreach (var entry in metadata.Entries)
        {
            switch (entry.Key)
            {
                case "plugins" or "allow":
                    config = Move(config, entry, new[] { entry.Key }, context);
                    break;
                case "databases":
                    config = MigrateDatabases(config, entry.Value, items, context);
                    break;
                default:
                    if (KnownKeys.IgnoredInMetadata.Contains(entry.Key))
                    {
                        context.Report(DiagnosticCatalog.IgnoredMetadataKey, entry.KeySpan, entry.Key);
                    }
                    else
                    {
                        items.Add(new MetadataItem(null, null, null, entry.Key, Text(entry.Value)));
                    }
                    break;
            }
        }
        return config;
    }

    private static ConfigMapping MigrateDatabases(ConfigMapping config, ConfigNode node, List<MetadataItem> items, BindContext context)
    {
        var databases = context.Mapping(node, "databases");
        if (databases is null)
        {
            return config;
        }
        foreach (var database in databases.Entries)
        {
            var mapping = context.Mapping(database.Value, "databases." + database.Key);
            if (mapping is null)
            {
                continue;
            }
            foreach (var entry in mapping.Entries)
            {
                switch (entry.Key)
                {
                    case "plugins" or "allow":
                        config = Move(config, entry, new[] { "databases", database.Key, entry.Key }, context);
                        break;
                    case "tables":
                        config = MigrateTables(config, database.Key, entry.Value, items, context);
                        break;
                    default:
                        if (KnownKeys.IgnoredInMetadata.Contains(entry.Key))
                        {
                            context.Report(DiagnosticCatalog.IgnoredMetadataKey, entry.KeySpan, entry.Key);
                        }
                        else
                        {
                            items.Add(new MetadataItem(database.Key, null, null, entry.Key, Text(entry.Value)));
                        }
                        break;
                }
            }
        }
        return config;
    }

    private static ConfigMapping MigrateTables(ConfigMapping config, string database, ConfigNode node, List<MetadataItem> items, BindContext context)
    {
        var tables = context.Mapping(node, $"databases.{database}.tables");
        if (tables is null)
        {
            return config;
        }
        foreach (var table in tables.Entries)
        {
            var mapping = context.Mapping(table.Value, $"databases.{database}.tables.{table.Key}");
            if (mapping is null)
            {
                continue;
            }
            foreach (var entry in mapping.Entries)
            {
                if (entry.Key is "plugins" or "allow" || System.Array.IndexOf(KnownKeys.MigratedTableOptions, entry.Key) >= 0)
                {
                    config = Move(config, entry, new[] { "databases", database, "tables", table.Key, entry.Key }, context);
                }
                else if (entry.Key == "columns")
                {
                    if (context.Mapping(entry.Value, $"databases.{database}.tables.{table.Key}.columns") is { } columns)
                    {
                        foreach (var column in columns.Entries)
                        {
                            items.Add(new MetadataItem(database, table.Key, column.Key, "description", Text(column.Value)));
                        }
                    }
                }
                else if (KnownKeys.IgnoredInMetadata.Contains(entry.Key))
                {
                    context.Report(DiagnosticCatalog.IgnoredMetadataKey, entry.KeySpan, entry.Key);
                }
                else
                {
                    items.Add(new MetadataItem(database, table.Key, null, entry.Key, Text(entry.Value)));
                }
            }
        }
        return config;
    }

    private static ConfigMapping Move(ConfigMapping config, ConfigEntry entry, string[] path, BindContext context)
    {
        context.Report(DiagnosticCatalog.MigratedMetadataKey, entry.KeySpan, entry.Key, string.Join(".", path));
        return ConfigTree.SetPath(config, path, entry.Value);
    }

    /// <summary>Strings verbatim; anything else as Python-style JSON text, as Datasette stores it.</summary>
    private static string Text(ConfigNode node) => node is ConfigScalar { Kind: ScalarKind.String } text
        ? text.Text
        : ConfigTree.ToPythonJson(node);
}
