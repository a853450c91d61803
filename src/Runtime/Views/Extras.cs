using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Views;

/// <summary>The <c>_extra=</c> blocks of the JSON API: their names, descriptions and which scope offers them.</summary>
public static class Extras
{
    private static readonly (string Name, string Description)[] Definitions =
    {
        ("count", "Total count of rows matching these filters"),
        ("count_truncated", "True if the count hit Datasette's counting limit, meaning the real number of matching rows is at least the reported count."),
        ("count_sql", "SQL query string used to calculate the total count for the current table view, including active filters."),
        ("facet_results", "Results of facets calculated against this data. A dictionary with ``results`` and ``timed_out`` keys: ``results`` maps facet names to facet dictionaries with ``name``, ``type``, ``results`` and URL keys, and each facet result item includes ``value``, ``label``, ``count`` and ``toggle_url``."),
        ("facets_timed_out", "List of names of facet calculations that exceeded the facet time limit."),
        ("suggested_facets", "Suggestions for facets that might return interesting results. Each item is a dictionary with ``name`` and ``toggle_url`` keys, and may include extra keys such as ``type`` or ``label`` depending on the facet class."),
        ("human_description_en", "Human-readable description of the filters"),
        ("columns", "List of column names returned by this table, row or query."),
        ("all_columns", "List of all column names in the table, regardless of ``_col=`` or ``_nocol=`` filtering."),
        ("primary_keys", "List of primary key column names for this table, or an empty list if the table has no explicit primary key."),
        ("column_details", "SQLite schema details for columns in this table. The dictionary maps column names to objects describing the schema for each column."),
        ("display_columns", "Column metadata used by the HTML table display. Each item includes ``name``, ``sortable``, ``is_pk``, ``type``, ``notnull``, ``description``, ``column_type`` and ``column_type_config`` keys."),
        ("render_cell", "Rendered HTML for each cell using the render_cell plugin hook"),
        ("debug", "Extra debug information dictionary. This is intended for development only and its shape is not part of the stable template contract."),
        ("request", "Dictionary with request details: ``url``, ``path``, ``full_path``, ``host`` and ``args`` where ``args`` maps query string parameter names to their values."),
        ("query", "Details of the underlying SQL query as a dictionary with ``sql`` and ``params`` keys."),
        ("column_types", "Column type assignments for this table. A dictionary mapping column names to ``{\"type\": type_name, \"config\": config}`` dictionaries."),
        ("set_column_type_ui", "Information needed to build an interface for assigning column types, or ``None`` if unavailable. When present it has ``path`` and ``columns`` keys; ``columns`` maps column names to ``current`` and ``options`` values."),
        ("metadata", "Metadata dictionary for the table, database or stored query. Table and row metadata include a ``columns`` dictionary mapping column names to descriptions; stored query metadata returns the stored query configuration."),
        ("extras", "List of ``?_extra=`` blocks that can be used on this page. Each item has ``name``, ``description``, ``toggle_url`` and ``selected`` keys."),
        ("database", "Database name"),
        ("table", "Table name"),
        ("database_color", "Color assigned to the database"),
        ("renderers", "Dictionary mapping output format names such as ``json`` or plugin-provided renderer names to URLs for this data in that format."),
        ("custom_table_templates", "List of custom template names considered for rendering table rows, in lookup order."),
        ("sorted_facet_results", "Facet result dictionaries sorted for display. Each item has the same shape as an entry from ``facet_results['results']``."),
        ("table_definition", "SQL definition for this table"),
        ("view_definition", "SQL definition for this view"),
        ("is_view", "Whether this resource is a view instead of a table"),
        ("private", "Whether this resource is private to the current actor"),
        ("expandable_columns", "List of foreign key columns that can be expanded with labels. Each item is a ``(foreign_key, label_column)`` pair where ``foreign_key`` is the SQLite foreign key dictionary and ``label_column`` is the label column in the referenced table, or ``None``."),
        ("form_hidden_args", "List of ``(name, value)`` pairs for hidden form fields used by the HTML table interface to preserve current query string options."),
        ("foreign_key_tables", "List of tables with foreign keys referencing this row, with the number of referencing rows and a link to them."),
    };

    public static readonly string[] Table = Definitions.Select(d => d.Name).Where(n => n != "foreign_key_tables").ToArray();

    public static readonly string[] Row =
    {
        "columns", "primary_keys", "column_details", "render_cell", "debug", "request", "query", "column_types",
        "metadata", "extras", "database", "table", "database_color", "private", "foreign_key_tables",
    };

    public static readonly string[] Query =
    {
        "columns", "render_cell", "debug", "request", "query", "metadata", "extras", "database", "database_color", "private",
    };

    /// <summary>
    /// The requested extras; unknown names are a 400 listing them sorted, unless
    /// <paramref name="rejectUnknown"/> is false (Datasette's HTML pages ignore them).
    /// </summary>
    public static HashSet<string> Parse(QueryArgs args, string[] allowed, bool rejectUnknown = true)
    {
        var requested = new HashSet<string>(args.GetCommaSeparated("_extra"), StringComparer.Ordinal);
        if (!rejectUnknown)
        {
            requested.RemoveWhere(name => Array.IndexOf(allowed, name) < 0);
            return requested;
        }
        var unknown = requested.Where(name => Array.IndexOf(allowed, name) < 0).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw DatasetteHttpException.BadRequest("Unknown _extra: " + string.Join(", ", unknown));
        }
        return requested;
    }

    /// <summary>The <c>extras</c> extra: every block of this scope with a URL that adds it.</summary>
    public static void WriteCatalogue(Utf8JsonWriter writer, DatasetteRequest request, string[] scope, HashSet<string> selected)
    {
        writer.WriteStartArray("extras");
        foreach (var (name, description) in Definitions)
        {
            if (Array.IndexOf(scope, name) < 0)
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("description", description);
            var isSelected = selected.Contains(name);
            var query = isSelected
                ? new QueryArgs(request.Args.Pairs.Where(p => !(p.Key == "_extra" && p.Value == name)).ToList()).ToQueryString()
                : request.Args.ToQueryString(append: new[] { new KeyValuePair<string, string>("_extra", name) });
            writer.WriteString("toggle_url", request.Origin + request.RawPath + query);
            writer.WriteBoolean("selected", isSelected);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
