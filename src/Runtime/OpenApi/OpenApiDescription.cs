using System;
using System.Collections.Generic;
using System.Linq;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.OpenApi;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.OpenApi;

/// <summary>
/// The OpenAPI document as one request's actor may see it: every database, table, view and
/// stored query it may view (and the SQL endpoint where it may execute SQL), each described from
/// the live schema through the shared builder, or taken compiled when the input is unchanged.
/// </summary>
internal static class OpenApiDescription
{
    private const int MaxQueries = 10_000;

    public static string Write(DatasetteRequest request, Datasette datasette)
    {
        var metadata = datasette.Internal.Metadata.Instance();
        var instance = new OpenApiInstance(
            Title: metadata.FirstOrDefault(p => p.Key == "title").Value is { Length: > 0 } title ? title : "Datasette",
            Description: OpenApiInputs.Description(metadata),
            Version: Datasette.CompatibleVersion,
            BaseUrl: datasette.Settings.BaseUrl,
            MaxReturnedRows: datasette.Settings.MaxReturnedRows,
            DefaultPageSize: datasette.Settings.DefaultPageSize,
            AllowFacet: datasette.Settings.AllowFacet,
            ViewInstance: request.Allowed("view-instance"),
            TableExtras: ExtraRegistry.TableNames.ToEquatableArray(),
            RowExtras: ExtraRegistry.RowNames.ToEquatableArray(),
            QueryExtras: ExtraRegistry.QueryNames.ToEquatableArray());
        return OpenApiDocument.Write(instance, Parts(request, datasette));
    }

    /// <summary>The parts this request's actor may see, in database-name order.</summary>
    public static List<OpenApiPart> Parts(DatasetteRequest request, Datasette datasette)
    {
        var parts = new List<OpenApiPart>();
        var actorId = request.Actor?["id"]?.ToString();
        foreach (var database in datasette.Databases.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!request.Allowed("view-database", database.Name))
            {
                continue;
            }
            var described = new OpenApiDatabase(database.Name, database.Route, OpenApiInputs.Description(datasette.Internal.Metadata.ForDatabase(database.Name)));
            parts.Add(OpenApiParts.Database(described));
            if (request.Allowed("execute-sql", database.Name))
            {
                parts.Add(OpenApiParts.Sql(described));
            }
            var schema = database.Schema;
            foreach (var table in schema.Objects.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                if (request.Allowed("view-table", database.Name, table.Name))
                {
                    parts.Add(OpenApiParts.Table(Table(request, datasette, database, table)));
                }
            }
            var queries = datasette.Internal.Queries.List(database.Name, QueryFilter.None, MaxQueries, cursor: null).Queries;
            foreach (var query in queries.OrderBy(q => q.Name, StringComparer.Ordinal))
            {
                if (schema.Find(query.Name) is not null
                    || (query.IsPrivate && query.OwnerId != actorId)
                    || !request.Allowed("view-query", database.Name, query.Name))
                {
                    continue;
                }
                parts.Add(OpenApiParts.Query(OpenApiInputs.Query(
                    database.Name, database.Route, query.Name, query.Title, query.Description,
                    query.Parameters.Count > 0 ? query.Parameters : NamedParameters.Extract(query.Sql), query.IsWrite)));
            }
        }
        return parts;
    }

    /// <summary>
    /// A table's input. Its search parameters come from its FTS table, another table: one the actor
    /// may not view is described as the table page treats it (<see cref="OtherTables"/>), so the
    /// document neither names it nor lists its columns.
    /// </summary>
    internal static OpenApiTable Table(DatasetteRequest request, Datasette datasette, Database database, TableInfo table) => OpenApiInputs.Table(
        database.Name,
        database.Route,
        table.Name,
        table.IsView,
        Columns(table),
        table.PrimaryKeys,
        table.Outgoing.Select(f => f.Column),
        OtherTables.VisibleFtsTable(request.ActorPermissions, database, table),
        name => OtherTables.Find(request.ActorPermissions, database, name) is { } other ? Columns(other) : null,
        datasette.Config.Table(database.Name, table.Name),
        OpenApiInputs.Description(datasette.Internal.Metadata.ForResource(database.Name, table.Name)),
        ColumnDescriptions(datasette, database.Name, table.Name));

    private static List<OpenApiInputs.SourceColumn> Columns(TableInfo table) =>
        table.Columns.Select(c => new OpenApiInputs.SourceColumn(c.Name, c.Type, c.NotNull, c.PrimaryKeyPosition, c.Hidden)).ToList();

    private static Dictionary<string, string> ColumnDescriptions(Datasette datasette, string database, string table)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, description) in datasette.Internal.Metadata.ColumnDescriptions(database, table))
        {
            descriptions[column] = description;
        }
        return descriptions;
    }
}
