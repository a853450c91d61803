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
/// stored query it may view (and the SQL endpoint where it may execute SQL), plus the write
/// endpoints it may use, each described from the live schema through the shared builders, or
/// taken compiled when the input is unchanged.
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

    /// <summary>The parts this request's actor may see, in database-name order, named over what it may see.</summary>
    public static List<OpenApiPart> Parts(DatasetteRequest request, Datasette datasette)
    {
        var visible = Visible(request, datasette);
        var typeNames = OpenApiTypeNames.Assign(
            visible.SelectMany(v => new[] { new OpenApiTypeNames.Item(OpenApiTypeNames.Kind.Database, v.Database.Name, v.Database.Name) }
                .Concat(v.Tables.Select(t => new OpenApiTypeNames.Item(OpenApiTypeNames.Kind.Table, v.Database.Name, t.Name)))
                .Concat(v.Queries.Select(q => new OpenApiTypeNames.Item(OpenApiTypeNames.Kind.Query, v.Database.Name, q.Name)))),
            OpenApiDocument.SharedNames);
        var visibleTables = visible.SelectMany(v => v.Tables.Select(t => ((string?)v.Database.Name, (string?)t.Name))).ToList();
        foreach (var (action, _) in TableGrants)
        {
            request.Prefetch(action, visibleTables);
        }
        var parts = new List<OpenApiPart>();
        foreach (var (database, executeSql, tables, queries) in visible)
        {
            var described = new OpenApiDatabase(database.Name, database.Route, OpenApiInputs.Description(datasette.Internal.Metadata.ForDatabase(database.Name)),
                typeNames[new(OpenApiTypeNames.Kind.Database, database.Name, database.Name)]);
            parts.Add(OpenApiParts.Database(described));
            if (executeSql)
            {
                parts.Add(OpenApiParts.Sql(described));
            }
            var databaseWrites = OpenApiDatabaseWrites.Usable(described,
                createTable: request.Allowed("create-table", database.Name),
                executeWriteSql: request.Allowed("execute-write-sql", database.Name),
                database.IsMutable);
            if (databaseWrites.Any)
            {
                parts.Add(OpenApiParts.DatabaseWrites(databaseWrites));
            }
            foreach (var table in tables)
            {
                var input = Table(request, datasette, database, table, typeNames[new(OpenApiTypeNames.Kind.Table, database.Name, table.Name)]);
                parts.Add(OpenApiParts.Table(input));
                var endpoints = OpenApiTableWrites.Usable(Grants(request, database.Name, table.Name), table.IsView, database.IsMutable);
                if (endpoints != OpenApiTableWriteEndpoints.None)
                {
                    parts.Add(OpenApiParts.TableWrites(new OpenApiTableWrites(input, endpoints)));
                }
            }
            foreach (var query in queries)
            {
                parts.Add(OpenApiParts.Query(OpenApiInputs.Query(
                    database.Name, database.Route, query.Name, query.Title, query.Description,
                    query.Parameters.Count > 0 ? query.Parameters : NamedParameters.Extract(query.Sql), query.IsWrite,
                    typeNames[new(OpenApiTypeNames.Kind.Query, database.Name, query.Name)])));
            }
        }
        return parts;
    }

    private static readonly (string Action, OpenApiTableGrants Grant)[] TableGrants =
    {
        ("insert-row", OpenApiTableGrants.InsertRow),
        ("update-row", OpenApiTableGrants.UpdateRow),
        ("delete-row", OpenApiTableGrants.DeleteRow),
        ("alter-table", OpenApiTableGrants.AlterTable),
        ("drop-table", OpenApiTableGrants.DropTable),
        ("set-column-type", OpenApiTableGrants.SetColumnType),
    };

    /// <summary>The table actions the actor holds (token restrictions applied, as the endpoints check them).</summary>
    private static OpenApiTableGrants Grants(DatasetteRequest request, string database, string table)
    {
        var grants = OpenApiTableGrants.None;
        foreach (var (action, grant) in TableGrants)
        {
            if (request.Allowed(action, database, table))
            {
                grants |= grant;
            }
        }
        return grants;
    }

    private static List<(Database Database, bool ExecuteSql, List<TableInfo> Tables, List<StoredQuery> Queries)> Visible(DatasetteRequest request, Datasette datasette)
    {
        var visible = new List<(Database, bool, List<TableInfo>, List<StoredQuery>)>();
        var actorId = request.Actor?["id"]?.ToString();
        foreach (var database in datasette.Databases.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!request.Allowed("view-database", database.Name))
            {
                continue;
            }
            var schema = database.Schema;
            var tables = schema.Objects.OrderBy(t => t.Name, StringComparer.Ordinal)
                .Where(table => request.Allowed("view-table", database.Name, table.Name)).ToList();
            var queries = datasette.Internal.Queries.List(database.Name, QueryFilter.None, MaxQueries, cursor: null).Queries
                .OrderBy(q => q.Name, StringComparer.Ordinal)
                .Where(query => schema.Find(query.Name) is null
                    && !(query.IsPrivate && query.OwnerId != actorId)
                    && request.Allowed("view-query", database.Name, query.Name))
                .ToList();
            visible.Add((database, request.Allowed("execute-sql", database.Name), tables, queries));
        }
        return visible;
    }

    /// <summary>
    /// A table's input. Its search parameters come from its FTS table, another table: one the actor
    /// may not view is described as the table page treats it (<see cref="OtherTables"/>), so the
    /// document neither names it nor lists its columns.
    /// </summary>
    internal static OpenApiTable Table(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, string typeName) => OpenApiInputs.Table(
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
        ColumnDescriptions(datasette, database.Name, table.Name),
        typeName);

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
