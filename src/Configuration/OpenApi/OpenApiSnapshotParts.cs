using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Schema;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// The parts of a compiled deployment, built at build time: databases and stored queries from
/// datasette.yaml, tables and views from the schema snapshot (none without one). The runtime
/// uses a part only while the live input has the same fingerprint.
/// </summary>
public static class OpenApiSnapshotParts
{
    public static EquatableArray<OpenApiPart> Build(
        SchemaSnapshot? snapshot,
        DatasetteConfig config,
        EquatableArray<MetadataItem> metadata,
        Func<string, IReadOnlyList<string>> sqlParameters)
    {
        var names = (snapshot?.Databases.Select(d => d.Name) ?? Enumerable.Empty<string>())
            .Concat(config.Databases.Select(d => d.Name))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        // Names are decided over everything described, so they come first.
        var items = new List<OpenApiTypeNames.Item>();
        foreach (var name in names)
        {
            items.Add(new(OpenApiTypeNames.Kind.Database, name, name));
            var tables = snapshot?.Database(name);
            items.AddRange((tables?.Tables ?? EquatableArray<TableSnapshot>.Empty).Select(t => new OpenApiTypeNames.Item(OpenApiTypeNames.Kind.Table, name, t.Name)));
            items.AddRange(StoredQueries(config, name, tables).Select(q => new OpenApiTypeNames.Item(OpenApiTypeNames.Kind.Query, name, q.Name)));
        }
        var typeNames = OpenApiTypeNames.Assign(items, OpenApiDocument.SharedNames);

        var parts = new List<OpenApiPart>();
        foreach (var name in names)
        {
            var database = new OpenApiDatabase(name, name, Description(metadata, name, null), typeNames[new(OpenApiTypeNames.Kind.Database, name, name)]);
            parts.Add(OpenApiBuilder.Database(database));
            parts.Add(OpenApiBuilder.Sql(database));
            var tables = snapshot?.Database(name);
            foreach (var table in tables?.Tables ?? EquatableArray<TableSnapshot>.Empty)
            {
                parts.Add(OpenApiBuilder.Table(OpenApiInputs.Table(
                    name,
                    name,
                    table.Name,
                    table.IsView,
                    Columns(table),
                    table.PrimaryKeys,
                    table.ForeignKeys.Select(f => f.Column),
                    table.FtsTable,
                    other => tables!.Table(other) is { } found ? Columns(found) : null,
                    config.Table(name, table.Name),
                    Description(metadata, name, table.Name),
                    ColumnDescriptions(metadata, name, table.Name),
                    typeNames[new(OpenApiTypeNames.Kind.Table, name, table.Name)])));
            }
            foreach (var query in StoredQueries(config, name, tables))
            {
                parts.Add(OpenApiBuilder.Query(OpenApiInputs.Query(
                    name, name, query.Name, query.Title, query.Description,
                    query.Params is { } explicitParams ? explicitParams : sqlParameters(query.Sql), query.IsWrite,
                    typeNames[new(OpenApiTypeNames.Kind.Query, name, query.Name)])));
            }
        }
        return parts.ToEquatableArray();
    }

    /// <summary>The stored queries of a database that a table or view of the same name does not hide (it wins the URL).</summary>
    private static IEnumerable<QueryConfig> StoredQueries(DatasetteConfig config, string database, DatabaseSnapshot? tables) =>
        (config.Database(database)?.Queries ?? EquatableArray<QueryConfig>.Empty).Where(q => tables?.Table(q.Name) is null);

    private static IReadOnlyList<OpenApiInputs.SourceColumn> Columns(TableSnapshot table) =>
        table.Columns.Select(c => new OpenApiInputs.SourceColumn(c.Name, c.Type, c.NotNull, c.PrimaryKey, c.Hidden)).ToList();

    private static string? Description(EquatableArray<MetadataItem> metadata, string database, string? resource) =>
        OpenApiInputs.Description(metadata
            .Where(m => m.Database == database && m.Resource == resource && m.Column is null)
            .Select(m => new KeyValuePair<string, string>(m.Key, m.Value)));

    private static Dictionary<string, string> ColumnDescriptions(EquatableArray<MetadataItem> metadata, string database, string resource)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in metadata)
        {
            if (item.Database == database && item.Resource == resource && item.Column is { } column && item.Key == "description")
            {
                descriptions[column] = item.Value;
            }
        }
        return descriptions;
    }
}
