using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Schema;

/// <summary>/-/schema, /{db}/-/schema and /{db}/{table}/-/schema as JSON, Markdown or HTML.</summary>
internal static class SchemaViews
{
    /// <summary>Every database the actor may view (no view-instance check, as in Datasette).</summary>
    public static Task InstanceAsync(DatasetteRequest request, Datasette datasette)
    {
        var schemas = datasette.Databases
            .Where(d => request.Allowed("view-database", d.Name))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => (d.Name, Schema: DatabaseSchemaText(request, d)))
            .ToList();
        return Suffix(request) switch
        {
            ".json" => Json(request, writer =>
            {
                writer.WriteStartArray("schemas");
                foreach (var (name, schema) in schemas)
                {
                    writer.WriteStartObject();
                    writer.WriteString("database", name);
                    writer.WriteString("schema", schema);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }),
            ".md" => Markdown(request, string.Join("\n\n", schemas.Select(s => MarkdownBlock(s.Name, s.Schema)))),
            _ => Html(request, datasette, "Schema for all databases", "Schema for all databases", schemas.Select(s => new DatabaseSchemaSql(s.Name, s.Schema)).ToList(), isInstance: true),
        };
    }

    /// <summary>view-database is checked first, so an actor without it cannot tell missing databases from hidden ones.</summary>
    public static Task DatabaseAsync(DatasetteRequest request, Datasette datasette)
    {
        var name = request.Route("database") ?? "";
        request.EnsureAllowed("view-database", DatabaseName(datasette, name));
        var database = datasette.DatabaseByRoute(name);
        if (database is null)
        {
            return NotFound(request, "Database not found");
        }
        var schema = DatabaseSchemaText(request, database);
        return Suffix(request) switch
        {
            ".json" => Json(request, writer =>
            {
                writer.WriteString("database", database.Name);
                writer.WriteString("schema", schema);
            }),
            ".md" => Markdown(request, MarkdownBlock(database.Name, schema) + "\n"),
            _ => Html(request, datasette, $"Schema for {database.Name}", $"Schema for {database.Name}", [new DatabaseSchemaSql(database.Name, schema)], database: database.Name),
        };
    }

    /// <summary>view-table on the named table is checked before anything is looked up.</summary>
    public static Task TableAsync(DatasetteRequest request, Datasette datasette)
    {
        var databaseRoute = request.Route("database") ?? "";
        var name = request.Route("table") ?? "";
        request.EnsureAllowed("view-table", DatabaseName(datasette, databaseRoute), name);
        var database = datasette.DatabaseByRoute(databaseRoute);
        if (database is null)
        {
            return NotFound(request, "Database not found");
        }
        var table = database.Schema.Find(name);
        if (table is null || table.Sql is null)
        {
            return NotFound(request, "Table not found");
        }
        var schema = table.Sql;
        return Suffix(request) switch
        {
            ".json" => Json(request, writer =>
            {
                writer.WriteString("database", database.Name);
                writer.WriteString("table", table.Name);
                writer.WriteString("schema", schema);
            }),
            ".md" => Markdown(request, MarkdownBlock($"{database.Name}.{table.Name}", schema) + "\n"),
            _ => Html(request, datasette, $"Schema for {database.Name}.{table.Name}", $"Schema for {table.Name}", [new DatabaseSchemaSql(database.Name, schema)], database: database.Name, table: table.Name),
        };
    }

    /// <summary>The database a route names (its name when it differs from the route), for permission checks.</summary>
    private static string DatabaseName(Datasette datasette, string route) => datasette.DatabaseByRoute(route)?.Name ?? route;

    /// <summary>
    /// Every non-null sqlite_master.sql, in storage order, joined with ";\n" — but only for tables
    /// and views the actor may see (an index or trigger goes with its table): a hidden table's
    /// definition would name it and its columns (<see cref="OtherTables"/>; Datasette lists
    /// them all).
    /// </summary>
    public static string DatabaseSchemaText(DatasetteRequest request, Database database)
    {
        var statements = QueryRunner.Run(database, "select tbl_name, sql from sqlite_master where sql is not null", null, null, reader =>
        {
            var list = new List<(string Table, string Sql)>();
            while (reader.Read())
            {
                list.Add((reader.GetString(0), reader.GetString(1)));
            }
            return list;
        });
        return string.Join(";\n", statements.Where(s => OtherTables.Visible(request.ActorPermissions, database, s.Table)).Select(s => s.Sql));
    }

    private static string Suffix(DatasetteRequest request) => request.RouteMatch.Groups["suffix"].Value;

    private static string MarkdownBlock(string title, string schema) => $"# Schema for {title}\n\n```sql\n{schema}\n```";

    private static Task Json(DatasetteRequest request, Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using var body = new JsonBody();
        body.Writer.WriteStartObject();
        body.Writer.WriteBoolean("ok", true);
        write(body.Writer);
        body.Writer.WriteEndObject();
        return body.SendAsync(request.Context);
    }

    private static Task Markdown(DatasetteRequest request, string text) =>
        Responses.TextAsync(request.Context, text, 200, "text/plain; charset=utf-8");

    /// <summary>Datasette's schema.html: in the layout, crumbs down to the page's database and table, no JSON alternate.</summary>
    private static Task Html(DatasetteRequest request, Datasette datasette, string title, string heading, IReadOnlyList<DatabaseSchemaSql> schemas,
        bool isInstance = false, string? database = null, string? table = null)
    {
        var model = new SchemaPageModel
        {
            Chrome = PageChromes.Build(request, datasette, title, "schema", ["*schema.html"], database, table, alternateJson: false),
            Heading = heading,
            IsInstance = isInstance,
            Table = table,
            Schemas = schemas,
        };
        return HtmlResponse.SendAsync(request.Context, HtmlSlices.Schema(model));
    }

    private static Task NotFound(DatasetteRequest request, string message) => Suffix(request) == ".json"
        ? Responses.JsonErrorAsync(request.Context, 404, message)
        : Responses.TextAsync(request.Context, message, 404, "text/plain; charset=utf-8");
}
