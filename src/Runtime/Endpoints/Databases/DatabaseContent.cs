using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Databases;

/// <summary>
/// What the database page lists for one request, gathered once by <see cref="DatabaseView"/>:
/// <c>/{db}.json</c> is written from it and the HTML page built from it, so which tables are
/// hidden or private, their order and their counts are decided in one place.
/// </summary>
internal sealed class DatabaseContent
{
    public required Database Database { get; init; }

    public required bool IsPrivate { get; init; }

    /// <summary>The tables the actor may see: the shown ones by name, then the hidden ones by name.</summary>
    public required IReadOnlyList<ListedDatabaseTable> Tables { get; init; }

    public int HiddenCount => Tables.Count(t => t.Hidden);

    public required IReadOnlyList<ListedView> Views { get; init; }

    /// <summary>The first stored queries the actor may see, each with its <c>ActorPrivate</c>.</summary>
    public required IReadOnlyList<StoredQuery> Queries { get; init; }

    /// <summary>More stored queries exist than <see cref="Queries"/> lists.</summary>
    public required bool QueriesMore { get; init; }

    public required int QueriesCount { get; init; }

    public required bool AllowExecuteSql { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; }

    /// <summary>
    /// Every table's and view's column names by name (a view's as none), for SQL completion; empty
    /// when the actor may not run SQL. The JSON's <c>table_columns</c> and the page data's <c>tableColumns</c>.
    /// </summary>
    public void WriteTableColumns(Utf8JsonWriter writer, string propertyName)
    {
        writer.WriteStartObject(propertyName);
        if (AllowExecuteSql)
        {
            foreach (var item in Database.Schema.Objects.OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                writer.WriteStringArray(item.Name, item.IsView ? Array.Empty<string>() : item.Columns.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
            }
        }
        writer.WriteEndObject();
    }
}

/// <summary>A table of the database page: its row count (null when unknown) and whether it is hidden or private.</summary>
internal sealed record ListedDatabaseTable(TableInfo Table, long? Count, bool Hidden, bool IsPrivate);

/// <summary>A view listed on the database or index page.</summary>
internal sealed record ListedView(string Name, bool IsPrivate);
