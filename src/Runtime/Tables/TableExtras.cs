using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Runtime.Views;

namespace Datasette.Gen.Runtime.Tables;

/// <summary>Writes the <c>_extra=</c> blocks of the table page, computing only what was asked for.</summary>
public static class TableExtras
{
    public static void Write(Utf8JsonWriter writer, TablePage page)
    {
        var extras = page.Extras;
        var request = page.Request;
        var datasette = page.Datasette;
        var query = page.Query;
        var table = page.Table;
        var database = page.Database;
        var args = request.Args;
        var noFacets = args.Get("_nofacet") is { Length: > 0 };

        long? count = null;
        var wantsCount = extras.Contains("count") || extras.Contains("count_truncated") || extras.Contains("suggested_facets");
        if (wantsCount && args.Get("_nocount") is not { Length: > 0 })
        {
            count = TableCounts.Count(database, table.Name, datasette.Settings.SqlTimeLimitMs, query.FilterWhere, query.Parameters);
        }
        if (extras.Contains("count") || extras.Contains("count_truncated"))
        {
            writer.WriteBoolean("count_truncated", count == TableCounts.Cap);
        }
        if (extras.Contains("count"))
        {
            if (count is { } value)
            {
                writer.WriteNumber("count", value);
            }
            else
            {
                writer.WriteNull("count");
            }
        }
        if (extras.Contains("count_sql"))
        {
            writer.WriteString("count_sql", query.CountSql + " ");
        }

        var wantsFacets = extras.Contains("facet_results") || extras.Contains("sorted_facet_results") || extras.Contains("facets_timed_out") || Facets.HasFacetArguments(args);
        if (wantsFacets && !noFacets)
        {
            var requests = Facets.Requested(args, page.Config, includeConfigured: true);
            var timedOut = new List<string>();
            var results = Facets.Compute(request, datasette, database, table, query, requests, Facets.Size(args, page.Config, datasette.Settings), timedOut);
            if (extras.Contains("sorted_facet_results"))
            {
                FacetJson.WriteSorted(writer, results);
            }
            FacetJson.WriteResults(writer, results, timedOut);
            if (extras.Contains("facets_timed_out"))
            {
                writer.WriteStringArray("facets_timed_out", timedOut);
            }
        }
        if (extras.Contains("suggested_facets"))
        {
            var suggest = datasette.Settings.SuggestFacets && datasette.Settings.AllowFacet && !noFacets
                && args.Get("_nosuggest") is not { Length: > 0 } && args.Get("_next") is not { Length: > 0 };
            var suggestions = suggest
                ? SuggestedFacets.Compute(request, datasette, database, table, query, Facets.Requested(args, page.Config, includeConfigured: true),
                    Facets.Size(args, page.Config, datasette.Settings), count)
                : new List<FacetSuggestion>();
            SuggestedFacets.Write(writer, suggestions);
        }
        if (extras.Contains("human_description_en"))
        {
            writer.WriteString("human_description_en", query.HumanDescription);
        }
        if (extras.Contains("columns"))
        {
            writer.WriteStringArray("columns", query.OutputColumns);
        }
        if (extras.Contains("all_columns"))
        {
            writer.WriteStringArray("all_columns", (table.IsRowidTable ? new[] { "rowid" } : Array.Empty<string>()).Concat(table.Columns.Select(c => c.Name)));
        }
        if (extras.Contains("primary_keys"))
        {
            writer.WriteStringArray("primary_keys", table.PrimaryKeys);
        }
        if (extras.Contains("column_details"))
        {
            ColumnDetails.Write(writer, table);
        }
        if (extras.Contains("display_columns"))
        {
            WriteDisplayColumns(writer, page);
        }
        if (extras.Contains("render_cell"))
        {
            writer.WriteStartArray("render_cell");
            for (var i = 0; i < page.RowCount; i++)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (extras.Contains("debug"))
        {
            writer.WriteStartObject("debug");
            writer.WriteStartObject("url_vars");
            writer.WriteString("database", request.RouteMatch.Groups["database"].Value);
            writer.WriteString("table", request.RouteMatch.Groups["table"].Value);
            writer.WriteString("format", request.FormatSuffix);
            writer.WriteEndObject();
            writer.WriteStartObject("resolved");
            writer.WriteString("database", database.Name);
            writer.WriteString("table", table.Name);
            writer.WriteBoolean("is_view", table.IsView);
            writer.WriteEndObject();
            writer.WriteBoolean("nofacet", noFacets);
            writer.WriteBoolean("nosuggest", args.Get("_nosuggest") is { Length: > 0 });
            writer.WriteEndObject();
        }
        if (extras.Contains("request"))
        {
            RequestExtra.Write(writer, request);
        }
        if (extras.Contains("query"))
        {
            WriteQuery(writer, query.PageSql, query.Parameters);
        }
        if (extras.Contains("column_types"))
        {
            WriteColumnTypes(writer, datasette, database.Name, table.Name);
        }
        if (extras.Contains("set_column_type_ui"))
        {
            writer.WriteNull("set_column_type_ui");
        }
        if (extras.Contains("metadata"))
        {
            WriteMetadata(writer, page.Datasette, page.Database.Name, page.Table.Name);
        }
        if (extras.Contains("extras"))
        {
            Extras.WriteCatalogue(writer, request, Extras.Table, extras);
        }
        if (extras.Contains("database"))
        {
            writer.WriteString("database", database.Name);
        }
        if (extras.Contains("table"))
        {
            writer.WriteString("table", table.Name);
        }
        if (extras.Contains("database_color"))
        {
            writer.WriteString("database_color", database.Color);
        }
        if (extras.Contains("renderers"))
        {
            writer.WriteStartObject("renderers");
            var labels = table.Outgoing.Count > 0 ? "&_labels=on" : "";
            var queryString = args.ToQueryString();
            writer.WriteString("json", request.RawPath + queryString + (queryString.Length == 0 ? "?" : "&") + "_format=json" + labels);
            writer.WriteEndObject();
        }
        if (extras.Contains("custom_table_templates"))
        {
            var db = CssClass.Sanitise(database.Name);
            var name = CssClass.Sanitise(table.Name);
            writer.WriteStringArray("custom_table_templates", new[] { $"_table-{db}-{name}.html", $"_table-table-{db}-{name}.html", "_table.html" });
        }
        if (extras.Contains("table_definition"))
        {
            writer.WriteString("table_definition", table.IsView ? null : Definition(database, table));
        }
        if (extras.Contains("view_definition"))
        {
            writer.WriteString("view_definition", table.IsView ? Definition(database, table) : null);
        }
        if (extras.Contains("is_view"))
        {
            writer.WriteBoolean("is_view", table.IsView);
        }
        if (extras.Contains("private"))
        {
            writer.WriteBoolean("private", false);
        }
        if (extras.Contains("expandable_columns"))
        {
            writer.WriteStartArray("expandable_columns");
            foreach (var key in table.Outgoing)
            {
                writer.WriteStartArray();
                writer.WriteStartObject();
                writer.WriteString("column", key.Column);
                writer.WriteString("other_table", key.OtherTable);
                writer.WriteString("other_column", key.OtherColumn);
                writer.WriteEndObject();
                // The key is this table's own definition; the label column is the target's, so a
                // target the actor may not view answers as a missing one does (null).
                var target = OtherTables.Find(request, database, key.OtherTable);
                writer.WriteStringValue(target is null ? null : LabelColumns.For(datasette, database, target));
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        if (extras.Contains("form_hidden_args"))
        {
            writer.WriteStartArray("form_hidden_args");
            foreach (var (key, value) in args.Pairs)
            {
                if (key.StartsWith('_') && !key.Contains("__", StringComparison.Ordinal) && key is not ("_sort" or "_sort_desc" or "_search" or "_next"))
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(key);
                    writer.WriteStringValue(value);
                    writer.WriteEndArray();
                }
            }
            writer.WriteEndArray();
        }
    }

    internal static void WriteQuery(Utf8JsonWriter writer, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        writer.WriteStartObject("query");
        writer.WriteString("sql", sql);
        writer.WriteStartObject("params");
        foreach (var (name, value) in parameters)
        {
            switch (value)
            {
                case long number:
                    writer.WriteNumber(name, number);
                    break;
                case double real:
                    writer.WritePropertyName(name);
                    SqliteJson.WriteReal(writer, real, jsonInfinity: false);
                    break;
                case null:
                    writer.WriteNull(name);
                    break;
                default:
                    writer.WriteString(name, value.ToString());
                    break;
            }
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>column_types</c>: the applicable assignments from the internal database, <c>{col: {"type", "config"}}</c>.</summary>
    internal static void WriteColumnTypes(Utf8JsonWriter writer, Datasette datasette, string database, string table)
    {
        writer.WriteStartObject("column_types");
        foreach (var (column, type) in datasette.ColumnTypesFor(database, table))
        {
            writer.WriteStartObject(column);
            writer.WriteString("type", type.Name);
            writer.WritePropertyName("config");
            WriteConfig(writer, type.Config);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter writer, System.Text.Json.Nodes.JsonObject? config)
    {
        if (config is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            config.WriteTo(writer);
        }
    }

    internal static void WriteMetadata(Utf8JsonWriter writer, Datasette datasette, string database, string table)
    {
        writer.WriteStartObject("metadata");
        var seen = new HashSet<string>();
        foreach (var (key, value) in datasette.Internal.Metadata.ForResource(database, table))
        {
            if (seen.Add(key))
            {
                writer.WriteString(key, value);
            }
        }
        writer.WriteStartObject("columns");
        foreach (var (column, description) in datasette.Internal.Metadata.ColumnDescriptions(database, table))
        {
            writer.WriteString(column, description);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteDisplayColumns(Utf8JsonWriter writer, TablePage page)
    {
        var table = page.Table;
        var sortable = page.Config?.SortableColumns?.ToHashSet() ?? table.Columns.Select(c => c.Name).ToHashSet();
        var descriptions = page.Datasette.Internal.Metadata.ColumnDescriptions(page.Database.Name, table.Name).ToDictionary(p => p.Key, p => p.Value);
        writer.WriteStartArray("display_columns");
        var linkColumn = !table.IsView && table.PrimaryKeys.Count == 1 ? table.PrimaryKeys[0] : null;
        if (!table.IsView)
        {
            writer.WriteStartObject();
            if (linkColumn is not null)
            {
                var column = table.Columns.First(c => c.Name == linkColumn);
                writer.WriteString("name", linkColumn);
                writer.WriteBoolean("sortable", sortable.Contains(linkColumn));
                writer.WriteBoolean("is_pk", true);
                writer.WriteString("type", column.Type.ToUpperInvariant());
                writer.WriteNumber("notnull", column.NotNull ? 1 : 0);
            }
            else
            {
                writer.WriteString("name", "Link");
                writer.WriteBoolean("sortable", false);
                writer.WriteBoolean("is_pk", false);
                writer.WriteString("type", "");
                writer.WriteNumber("notnull", 0);
                writer.WriteBoolean("is_special_link_column", true);
            }
            writer.WriteEndObject();
        }
        var types = new Dictionary<string, ColumnTypes.ColumnType>();
        foreach (var (column, type) in page.Datasette.ColumnTypesFor(page.Database.Name, table.Name))
        {
            types[column] = type;
        }
        foreach (var name in page.Query.OutputColumns)
        {
            if (name == linkColumn || name == "rowid")
            {
                continue;
            }
            var column = table.Columns.FirstOrDefault(c => c.Name == name);
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteBoolean("sortable", sortable.Contains(name));
            writer.WriteBoolean("is_pk", table.PrimaryKeys.Contains(name));
            writer.WriteString("type", column?.Type.ToUpperInvariant() ?? "");
            writer.WriteNumber("notnull", column?.NotNull == true ? 1 : 0);
            writer.WriteString("description", descriptions.GetValueOrDefault(name));
            writer.WriteString("column_type", types.TryGetValue(name, out var type) ? type.Name : null);
            writer.WritePropertyName("column_type_config");
            WriteConfig(writer, type?.Config);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>CREATE statement plus, for tables, each index's CREATE statement, each ending in ';'.</summary>
    private static string? Definition(Data.Database database, Data.TableInfo table)
    {
        if (table.Sql is null)
        {
            return null;
        }
        var statements = new List<string> { table.Sql + ";" };
        if (!table.IsView)
        {
            statements.AddRange(QueryRunner.Run(database, "select sql from sqlite_master where type = 'index' and tbl_name = :t and sql is not null", new Dictionary<string, object?> { ["t"] = table.Name }, null, reader =>
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add(reader.GetString(0) + ";");
                }
                return list;
            }));
        }
        return string.Join("\n", statements);
    }
}
