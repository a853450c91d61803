using System.Collections.Generic;

namespace Datasette.Gen.Configuration.Model;

public enum SettingKind
{
    Integer,
    Boolean,
    String,
}

/// <summary>One of Datasette's settings: its name, type, default and help text.</summary>
public sealed record SettingDefinition(string Name, SettingKind Kind, object Default, string Description)
{
    /// <summary>The Python type name Datasette prints in errors.</summary>
    public string PythonType => Kind switch
    {
        SettingKind.Integer => "int",
        SettingKind.Boolean => "bool",
        _ => "str",
    };

    /// <summary>Every setting, in Datasette's canonical order (the order of /-/settings.json).</summary>
    public static readonly IReadOnlyList<SettingDefinition> All = new[]
    {
        Int("default_page_size", 100, "Default page size for the table view"),
        Int("max_returned_rows", 1000, "Maximum rows that can be returned from a table or custom query"),
        Int("max_insert_rows", 100, "Maximum rows that can be inserted at a time using the bulk insert API"),
        Int("max_post_body_bytes", 2097152, "Maximum size of a POST request body in bytes, 0 for unlimited"),
        Int("num_sql_threads", 3, "Number of threads in the thread pool for executing SQLite queries"),
        Int("sql_time_limit_ms", 1000, "Time limit for a SQL query in milliseconds"),
        Int("default_facet_size", 30, "Number of values to return for requested facets"),
        Int("facet_time_limit_ms", 200, "Time limit for calculating a requested facet"),
        Int("facet_suggest_time_limit_ms", 50, "Time limit for calculating a suggested facet"),
        Bool("allow_facet", true, "Allow users to specify columns to facet using ?_facet= parameter"),
        Bool("allow_download", true, "Allow users to download the original SQLite database files"),
        Bool("allow_signed_tokens", true, "Allow users to create and use signed API tokens"),
        Bool("default_allow_sql", true, "Allow anyone to run arbitrary SQL queries"),
        Int("max_signed_tokens_ttl", 0, "Maximum allowed expiry time for signed API tokens"),
        Bool("suggest_facets", true, "Calculate and display suggested facets"),
        Int("default_cache_ttl", 5, "Default HTTP cache TTL (used in Cache-Control: max-age= header)"),
        Int("cache_size_kb", 0, "SQLite cache size in KB (0 == use SQLite default)"),
        Bool("allow_csv_stream", true, "Allow .csv?_stream=1 to download all rows (ignoring max_returned_rows)"),
        Int("max_csv_mb", 100, "Maximum size allowed for CSV export in MB - set 0 to disable this limit"),
        Int("truncate_cells_html", 2048, "Truncate cells longer than this in HTML table view - set 0 to disable"),
        Bool("force_https_urls", false, "Force URLs in API output to always use https:// protocol"),
        Bool("template_debug", false, "Allow display of template debug information with ?_context=1"),
        Bool("trace_debug", false, "Allow display of SQL trace debug information with ?_trace=1"),
        Str("base_url", "/", "Datasette URLs should use this base path"),
    };

    /// <summary>
    /// Settings of this server that Datasette does not have: limits on what one request's SQL may
    /// take. Accepted wherever settings are (datasette.yaml, -s), but /-/settings.json, which must
    /// match Datasette's, lists them only when a publisher changed them.
    /// </summary>
    public static readonly IReadOnlyList<SettingDefinition> Extensions = new[]
    {
        Int("max_value_mb", 16, "Largest string or blob one SQL statement may make, in MB - set 0 for SQLite's own limit"),
        Int("max_response_mb", 64, "Largest JSON or CSV page the server buffers before sending it, in MB - set 0 to disable this limit"),
        Int("max_sqlite_memory_mb", 1024, "Memory all SQLite connections of the process may hold together, in MB - set 0 to disable this limit"),
    };

    private static readonly Dictionary<string, SettingDefinition> ByName = Index();

    public static bool TryGet(string name, out SettingDefinition definition) => ByName.TryGetValue(name, out definition!);

    private static Dictionary<string, SettingDefinition> Index()
    {
        var index = new Dictionary<string, SettingDefinition>(System.StringComparer.Ordinal);
        foreach (var definition in All)
        {
            index[definition.Name] = definition;
        }
        foreach (var definition in Extensions)
        {
            index[definition.Name] = definition;
        }
        return index;
    }

    private static SettingDefinition Int(string name, long value, string description) => new(name, SettingKind.Integer, value, description);

    private static SettingDefinition Bool(string name, bool value, string description) => new(name, SettingKind.Boolean, value, description);

    private static SettingDefinition Str(string name, string value, string description) => new(name, SettingKind.String, value, description);
}
