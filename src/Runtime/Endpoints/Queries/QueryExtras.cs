using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>Everything the query page's extras are computed from; <paramref name="Rows"/> is null after a SQL error.</summary>
internal sealed record QueryExtraContext(
    DatasetteRequest Request,
    Datasette Datasette,
    Database Database,
    string Sql,
    IReadOnlyDictionary<string, object?> Parameters,
    StoredQuery? StoredQuery,
    QueryView.QueryRows? Rows,
    ExtraSet Requested,
    RenderedCells? RenderedCells);

/// <summary>The query page's blocks in the order Datasette writes them.</summary>
internal static class QueryExtras
{
    public static readonly ExtraWriter<QueryExtraContext>[] Writers =
    {
        new(Extra.Columns, static (w, c) => w.WriteStringArray("columns", c.Rows?.Columns ?? new List<string>())),
        new(Extra.RenderCell, static (w, c) => RenderedCells.WriteExtra(w, c.RenderedCells, c.Rows?.Columns ?? [], c.Rows?.Result.Count ?? 0)),
        new(Extra.Debug, static (w, c) =>
        {
            w.WriteStartObject("debug");
            w.WriteString("database", c.Database.Name);
            w.WriteString("stored_query", c.StoredQuery?.Name);
            w.WriteEndObject();
        }),
        new(Extra.Database, static (w, c) => w.WriteString("database", c.Database.Name)),
        new(Extra.DatabaseColor, static (w, c) => w.WriteString("database_color", c.Database.Color)),
        new(Extra.Private, static (w, _) => w.WriteBoolean("private", false)),
        new(Extra.Query, static (w, c) => WriteQuery(w, c.Sql, c.Parameters)),
        new(Extra.Metadata, static (w, c) => WriteMetadata(w, c)),
        new(Extra.Request, static (w, c) => RequestExtra.Write(w, c.Request)),
        new(Extra.Extras, static (w, c) => ExtraRegistry.WriteCatalogue(w, c.Request, ExtraScopes.Query, c.Requested)),
    };

    /// <summary>The SQL and the parameters the user gave: magic <c>_</c> parameters stay out.</summary>
    private static void WriteQuery(Utf8JsonWriter writer, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        writer.WriteStartObject("query");
        writer.WriteString("sql", sql);
        writer.WriteStartObject("params");
        foreach (var (name, value) in parameters)
        {
            if (!name.StartsWith('_'))
            {
                writer.WriteString(name, value?.ToString());
            }
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A stored query's own configuration, or the database's metadata for arbitrary SQL.</summary>
    private static void WriteMetadata(Utf8JsonWriter writer, QueryExtraContext context)
    {
        writer.WritePropertyName("metadata");
        if (context.StoredQuery is not null)
        {
            context.StoredQuery.WriteJson(writer, isPrivateForActor: null, includeSource: false);
            return;
        }
        writer.WriteStartObject();
        foreach (var (key, value) in context.Datasette.Internal.Metadata.ForDatabase(context.Database.Name))
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }
}
