using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Databases;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>Writes the <c>_extra=</c> blocks of the table page, computing only what was asked for.</summary>
internal static class TableExtras
{
    /// <summary>The table page's blocks in the order Datasette writes them.</summary>
    private static readonly ExtraWriter<TableExtraContext>[] Writers =
    {
        new(Extra.CountTruncated, static (w, c) => w.WriteBoolean("count_truncated", TableCounts.Truncated(c.Count))),
        new(Extra.Count, static (w, c) => WriteCount(w, c.Count)),
        new(Extra.CountSql, static (w, c) => w.WriteString("count_sql", c.Page.Query.CountSql + " ")),
        new(Extra.SortedFacetResults, static (w, c) =>
        {
            if (!c.NoFacets)
            {
                FacetJson.WriteSorted(w, c.Facets.Results);
            }
        }),
        new(Extra.FacetResults, static (w, c) =>
        {
            if (!c.NoFacets)
            {
                FacetJson.WriteResults(w, c.Facets.Results, c.Facets.TimedOut);
            }
        }),
        new(Extra.FacetsTimedOut, static (w, c) =>
        {
            if (!c.NoFacets)
            {
                w.WriteStringArray("facets_timed_out", c.Facets.TimedOut);
            }
        }),
        new(Extra.SuggestedFacets, static (w, c) => WriteSuggestedFacets(w, c)),
        new(Extra.HumanDescriptionEn, static (w, c) => w.WriteString("human_description_en", c.Page.Query.HumanDescription)),
        new(Extra.Columns, static (w, c) => w.WriteStringArray("columns", c.Page.Query.OutputColumns)),
        new(Extra.AllColumns, static (w, c) => w.WriteStringArray("all_columns",
            (c.Page.Table.IsRowidTable ? new[] { "rowid" } : Array.Empty<string>()).Concat(c.Page.Table.Columns.Select(column => column.Name)))),
        new(Extra.PrimaryKeys, static (w, c) => w.WriteStringArray("primary_keys", c.Page.Table.PrimaryKeys)),
        new(Extra.ColumnDetails, static (w, c) => ColumnDetails.Write(w, c.Page.Table)),
        new(Extra.DisplayColumns, static (w, c) => WriteDisplayColumns(w, c.Page)),
        new(Extra.RenderCell, static (w, c) => RenderedCells.WriteExtra(w, c.Page.RenderedCells, c.Page.Query.OutputColumns, c.Page.RowCount)),
        new(Extra.Debug, static (w, c) => WriteDebug(w, c)),
        new(Extra.Request, static (w, c) => RequestExtra.Write(w, c.Page.Request)),
        new(Extra.Query, static (w, c) => WriteQuery(w, c.Page.Query.PageSql, c.Page.Query.Parameters)),
        new(Extra.ColumnTypes, static (w, c) => WriteColumnTypes(w, c.Page.Datasette, c.Page.Database.Name, c.Page.Table.Name)),
        new(Extra.SetColumnTypeUi, static (w, _) => w.WriteNull("set_column_type_ui")),
        new(Extra.Metadata, static (w, c) => WriteMetadata(w, c.Page.Datasette, c.Page.Database.Name, c.Page.Table.Name)),
        new(Extra.Extras, static (w, c) => ExtraRegistry.WriteCatalogue(w, c.Page.Request, ExtraScopes.Table, c.Page.Requested)),
        new(Extra.Database, static (w, c) => w.WriteString("database", c.Page.Database.Name)),
        new(Extra.Table, static (w, c) => w.WriteString("table", c.Page.Table.Name)),
        new(Extra.DatabaseColor, static (w, c) => w.WriteString("database_color", c.Page.Database.Color)),
        new(Extra.Renderers, static (w, c) => WriteRenderers(w, c.Page)),
        new(Extra.CustomTableTemplates, static (w, c) => WriteCustomTableTemplates(w, c.Page)),
        new(Extra.TableDefinition, static (w, c) => w.WriteString("table_definition", c.Page.Table.IsView ? null : Definition(c.Page.Database, c.Page.Table))),
        new(Extra.ViewDefinition, static (w, c) => w.WriteString("view_definition", c.Page.Table.IsView ? Definition(c.Page.Database, c.Page.Table) : null)),
        new(Extra.IsView, static (w, c) => w.WriteBoolean("is_view", c.Page.Table.IsView)),
        new(Extra.Private, static (w, _) => w.WriteBoolean("private", false)),
        new(Extra.ExpandableColumns, static (w, c) => WriteExpandableColumns(w, c.Page)),
        new(Extra.FormHiddenArgs, static (w, c) => WriteFormHiddenArgs(w, c.Page.Request.Args)),
    };

    internal static Extra[] WriterIds => Writers.Select(w => w.Id).ToArray();

    public static void Write(Utf8JsonWriter writer, TablePage page)
    {
        if (page.Resolved.IsEmpty)
        {
            return;
        }
        ExtraWriter<TableExtraContext>.WriteAll(writer, Writers, page.Resolved, new TableExtraContext(page));
    }

    private static void WriteCount(Utf8JsonWriter writer, long? count)
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

    private static void WriteSuggestedFacets(Utf8JsonWriter writer, TableExtraContext context) =>
        SuggestedFacets.Write(writer, context.Suggestions);

    private static void WriteDebug(Utf8JsonWriter writer, TableExtraContext context)
    {
        var request = context.Page.Request;
        writer.WriteStartObject("debug");
        writer.WriteStartObject("url_vars");
        writer.WriteString("database", request.RouteMatch.Groups["database"].Value);
        writer.WriteString("table", request.RouteMatch.Groups["table"].Value);
        writer.WriteString("format", request.FormatSuffix);
        writer.WriteEndObject();
        writer.WriteStartObject("resolved");
        writer.WriteString("database", context.Page.Database.Name);
        writer.WriteString("table", context.Page.Table.Name);
        writer.WriteBoolean("is_view", context.Page.Table.IsView);
        writer.WriteEndObject();
        writer.WriteBoolean("nofacet", context.NoFacets);
        writer.WriteBoolean("nosuggest", request.Args.Get("_nosuggest") is { Length: > 0 });
        writer.WriteEndObject();
    }

    private static void WriteRenderers(Utf8JsonWriter writer, TablePage page)
    {
        writer.WriteStartObject("renderers");
        var labels = page.Table.Outgoing.Count > 0 ? "&_labels=on" : "";
        var beforeFormat = page.Request.RawPath + QueryArgs.BeforePair(page.Request.Args.ToQueryString()) + "_format=";
        writer.WriteString("json", beforeFormat + "json" + labels);
        foreach (var format in page.PluginFormats)
        {
            writer.WriteString(format, beforeFormat + format + labels);
        }
        writer.WriteEndObject();
    }

    private static void WriteCustomTableTemplates(Utf8JsonWriter writer, TablePage page)
    {
        var db = CssClass.Sanitise(page.Database.Name);
        var name = CssClass.Sanitise(page.Table.Name);
        writer.WriteStringArray("custom_table_templates", new[] { $"_table-{db}-{name}.html", $"_table-table-{db}-{name}.html", "_table.html" });
    }

    private static void WriteExpandableColumns(Utf8JsonWriter writer, TablePage page)
    {
        writer.WriteStartArray("expandable_columns");
        foreach (var key in page.Table.Outgoing)
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("column", key.Column);
            writer.WriteString("other_table", key.OtherTable);
            writer.WriteString("other_column", key.OtherColumn);
            writer.WriteEndObject();
            // The key is this table's own definition; the label column is the target's, so a
            // target the actor may not view answers as a missing one does (null).
            var target = OtherTables.Find(page.QueryContext.Permissions, page.Database, key.OtherTable);
            writer.WriteStringValue(target is null ? null : LabelColumns.For(page.Datasette.Config, page.Database, target));
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static void WriteFormHiddenArgs(Utf8JsonWriter writer, Http.QueryArgs args)
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
    internal static string? Definition(Data.Database database, Data.TableInfo table)
    {
        if (table.Sql is null)
        {
            return null;
        }
        if (table.IsView)
        {
            return table.Sql + ";";
        }
        // Kept under the database's content version, which every commit moves (a CREATE INDEX or
        // ALTER TABLE by any connection too): the next page shows the change without re-reading
        // sqlite_master on every request.
        return database.Derived.GetOrCompute(database, DerivedResultCache.Key(null, "table-definition", table.Name),
            () => TableWithIndexes(database, table), static _ => true);
    }

    // The table's own statement is read here too, not taken from the schema (re-read at most once a
    // second): an ALTER TABLE shows in the next page with the indexes beside it.
    private static string TableWithIndexes(Data.Database database, Data.TableInfo table)
    {
        var read = QueryRunner.Run(database,
            "select type = 'table', sql from sqlite_master where tbl_name = :t and sql is not null and (type = 'index' or (type = 'table' and name = :t)) order by type <> 'table', rowid",
            new Dictionary<string, object?> { ["t"] = table.Name }, null, reader =>
            {
                var list = new List<string>();
                var hasTable = false;
                while (reader.Read())
                {
                    hasTable |= reader.GetInt64(0) == 1;
                    list.Add(reader.GetString(1) + ";");
                }
                return (list, hasTable);
            });
        var (statements, hasTable) = read;
        if (!hasTable)
        {
            // Dropped since the schema was read: what the schema knew.
            statements.Insert(0, table.Sql + ";");
        }
        return string.Join("\n", statements);
    }
}
