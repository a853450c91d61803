using System;
using System.Collections.Generic;
using System.Linq;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Views;

/// <summary>The <c>_extra=</c> names a JSON endpoint accepts, per scope, and the parsed request.</summary>
public static class Extras
{
    public static readonly string[] Table =
    {
        "count", "count_truncated", "count_sql", "facet_results", "facets_timed_out", "suggested_facets",
        "human_description_en", "columns", "all_columns", "primary_keys", "column_details", "display_columns",
        "render_cell", "debug", "request", "query", "column_types", "set_column_type_ui", "metadata", "extras",
        "database", "table", "database_color", "renderers", "custom_table_templates", "sorted_facet_results",
        "table_definition", "view_definition", "is_view", "private", "expandable_columns", "form_hidden_args",
    };

    public static readonly string[] Row =
    {
        "columns", "primary_keys", "column_details", "render_cell", "debug", "request", "query", "column_types",
        "metadata", "extras", "database", "table", "database_color", "private", "foreign_key_tables",
    };

    public static readonly string[] Query =
    {
        "columns", "render_cell", "debug", "request", "query", "metadata", "extras", "database", "database_color", "private",
    };

    /// <summary>The requested extras; unknown names are a 400 listing them sorted.</summary>
    public static HashSet<string> Parse(QueryArgs args, string[] allowed)
    {
        var requested = new HashSet<string>(args.GetCommaSeparated("_extra"), StringComparer.Ordinal);
        var unknown = requested.Where(name => Array.IndexOf(allowed, name) < 0).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw DatasetteHttpException.BadRequest("Unknown _extra: " + string.Join(", ", unknown));
        }
        return requested;
    }
}
