namespace Datasette.Gen.Configuration.Binding;

/// <summary>The keys Datasette 1.0 reads at each level of datasette.yaml and metadata files.</summary>
internal static class KnownKeys
{
    public static readonly HashSet<string> Descriptive = new()
    {
        "title", "description", "description_html", "license", "license_url",
        "source", "source_url", "about", "about_url",
    };

    public static readonly HashSet<string> Root = new()
    {
        "settings", "plugins", "permissions", "allow", "allow_sql", "extra_css_urls", "extra_js_urls", "databases",
    };

    public static readonly HashSet<string> Database = new()
    {
        "plugins", "permissions", "allow", "allow_sql", "queries", "tables",
    };

    /// <summary>Table options that a metadata file may also carry (they migrate to configuration).</summary>
    public static readonly string[] MigratedTableOptions =
    {
        "hidden", "sort", "sort_desc", "size", "sortable_columns", "label_column", "facets", "fts_table", "fts_pk", "searchmode",
    };

    public static readonly HashSet<string> Table = new(MigratedTableOptions)
    {
        "facet_size", "column_types", "plugins", "permissions", "allow",
    };

    public static readonly HashSet<string> Query = new()
    {
        "sql", "title", "description", "description_html", "hide_sql", "fragment", "params", "write", "is_trusted",
        "on_success_message", "on_success_message_sql", "on_success_redirect", "on_error_message", "on_error_redirect",
        "allow", "permissions",
    };

    /// <summary>Configuration-only keys that have no effect inside a metadata file.</summary>
    public static readonly HashSet<string> IgnoredInMetadata = new()
    {
        "queries", "allow_sql", "permissions", "facet_size", "column_types", "settings", "extra_css_urls", "extra_js_urls",
    };
}
