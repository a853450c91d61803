namespace Datasette.Gen.Configuration.Model;

public enum SettingKind
{
    Integer,
    Boolean,
    String,
}

/// <summary>
/// One setting, declared once: its name, type, default, help text, valid range, whether
/// /-/settings.json always lists it, and the typed <see cref="Settings"/> property that holds it.
/// The binder, <see cref="Settings.Default"/>, /-/settings.json and the generator all read this table.
/// </summary>
public abstract class SettingDefinition
{
    private protected SettingDefinition(string name, SettingKind kind, object @default, string description, long minimum, long maximum, bool listedWhenChanged)
    {
        Name = name;
        Kind = kind;
        Default = @default;
        Description = description;
        Minimum = minimum;
        Maximum = maximum;
        ListedOnlyWhenChanged = listedWhenChanged;
        PropertyName = ToPropertyName(name);
    }

    public string Name { get; }

    public SettingKind Kind { get; }

    /// <summary>The default as <see cref="Read"/> returns values: a long, bool or string.</summary>
    public object Default { get; }

    public string Description { get; }

    /// <summary>Smallest value an integer setting accepts.</summary>
    public long Minimum { get; }

    /// <summary>Largest value an integer setting accepts: what its property's type can hold.</summary>
    public long Maximum { get; }

    /// <summary>
    /// True for this server's own settings: /-/settings.json must match Datasette's, so it lists them
    /// only when a publisher changed them.
    /// </summary>
    public bool ListedOnlyWhenChanged { get; }

    /// <summary>The <see cref="Settings"/> property holding the value: default_page_size → DefaultPageSize.</summary>
    public string PropertyName { get; }

    /// <summary>The Python type name Datasette prints in errors.</summary>
    public string PythonType => Kind switch
    {
        SettingKind.Integer => "int",
        SettingKind.Boolean => "bool",
        _ => "str",
    };

    /// <summary>This setting's value in <paramref name="settings"/>: a long, bool or string.</summary>
    public abstract object Read(Settings settings);

    /// <summary>A copy of <paramref name="settings"/> with this setting replaced by a long, bool or string.</summary>
    public abstract Settings Write(Settings settings, object value);

    /// <summary>Whether /-/settings.json lists this setting for <paramref name="settings"/>.</summary>
    public bool IsListed(Settings settings) => !ListedOnlyWhenChanged || !Equals(Read(settings), Default);

    /// <summary>Every setting, in Datasette's canonical order (the order of /-/settings.json), then this server's own.</summary>
    public static readonly IReadOnlyList<SettingDefinition> All = new[]
    {
        Int("default_page_size", 100, "Default page size for the table view", s => s.DefaultPageSize, (s, v) => s with { DefaultPageSize = v }, minimum: 1),
        Int("max_returned_rows", 1000, "Maximum rows that can be returned from a table or custom query", s => s.MaxReturnedRows, (s, v) => s with { MaxReturnedRows = v }, minimum: 1),
        Int("max_insert_rows", 100, "Maximum rows that can be inserted at a time using the bulk insert API", s => s.MaxInsertRows, (s, v) => s with { MaxInsertRows = v }, minimum: 1),
        Long("max_post_body_bytes", 2097152, "Maximum size of a POST request body in bytes, 0 for unlimited", s => s.MaxPostBodyBytes, (s, v) => s with { MaxPostBodyBytes = v }),
        Int("num_sql_threads", 3, "Number of threads in the thread pool for executing SQLite queries", s => s.NumSqlThreads, (s, v) => s with { NumSqlThreads = v }),
        Int("sql_time_limit_ms", 1000, "Time limit for a SQL query in milliseconds", s => s.SqlTimeLimitMs, (s, v) => s with { SqlTimeLimitMs = v }),
        Int("default_facet_size", 30, "Number of values to return for requested facets", s => s.DefaultFacetSize, (s, v) => s with { DefaultFacetSize = v }),
        Int("facet_time_limit_ms", 200, "Time limit for calculating a requested facet", s => s.FacetTimeLimitMs, (s, v) => s with { FacetTimeLimitMs = v }),
        Int("facet_suggest_time_limit_ms", 50, "Time limit for calculating a suggested facet", s => s.FacetSuggestTimeLimitMs, (s, v) => s with { FacetSuggestTimeLimitMs = v }),
        Bool("allow_facet", true, "Allow users to specify columns to facet using ?_facet= parameter", s => s.AllowFacet, (s, v) => s with { AllowFacet = v }),
        Bool("allow_download", true, "Allow users to download the original SQLite database files", s => s.AllowDownload, (s, v) => s with { AllowDownload = v }),
        Bool("allow_signed_tokens", true, "Allow users to create and use signed API tokens", s => s.AllowSignedTokens, (s, v) => s with { AllowSignedTokens = v }),
        Bool("default_allow_sql", true, "Allow anyone to run arbitrary SQL queries", s => s.DefaultAllowSql, (s, v) => s with { DefaultAllowSql = v }),
        Long("max_signed_tokens_ttl", 0, "Maximum allowed expiry time for signed API tokens", s => s.MaxSignedTokensTtl, (s, v) => s with { MaxSignedTokensTtl = v }),
        Bool("suggest_facets", true, "Calculate and display suggested facets", s => s.SuggestFacets, (s, v) => s with { SuggestFacets = v }),
        Int("default_cache_ttl", 5, "Default HTTP cache TTL (used in Cache-Control: max-age= header)", s => s.DefaultCacheTtl, (s, v) => s with { DefaultCacheTtl = v }),
        Int("cache_size_kb", 0, "SQLite cache size in KB (0 == use SQLite default)", s => s.CacheSizeKb, (s, v) => s with { CacheSizeKb = v }),
        Bool("allow_csv_stream", true, "Allow .csv?_stream=1 to download all rows (ignoring max_returned_rows)", s => s.AllowCsvStream, (s, v) => s with { AllowCsvStream = v }),
        Int("max_csv_mb", 100, "Maximum size allowed for CSV export in MB - set 0 to disable this limit", s => s.MaxCsvMb, (s, v) => s with { MaxCsvMb = v }),
        Int("truncate_cells_html", 2048, "Truncate cells longer than this in HTML table view - set 0 to disable", s => s.TruncateCellsHtml, (s, v) => s with { TruncateCellsHtml = v }),
        Bool("force_https_urls", false, "Force URLs in API output to always use https:// protocol", s => s.ForceHttpsUrls, (s, v) => s with { ForceHttpsUrls = v }),
        Bool("template_debug", false, "Allow display of template debug information with ?_context=1", s => s.TemplateDebug, (s, v) => s with { TemplateDebug = v }),
        Bool("trace_debug", false, "Allow display of SQL trace debug information with ?_trace=1", s => s.TraceDebug, (s, v) => s with { TraceDebug = v }),
        Str("base_url", "/", "Datasette URLs should use this base path", s => s.BaseUrl, (s, v) => s with { BaseUrl = v }),

        // Limits on what one request's SQL may take; Datasette has no such settings.
        Int("max_value_mb", 16, "Largest string or blob one SQL statement may make, in MB - set 0 for SQLite's own limit", s => s.MaxValueMb, (s, v) => s with { MaxValueMb = v }, listedWhenChanged: true),
        Int("max_response_mb", 64, "Largest JSON or CSV page the server buffers before sending it, in MB - set 0 to disable this limit", s => s.MaxResponseMb, (s, v) => s with { MaxResponseMb = v }, listedWhenChanged: true),
        Int("max_sqlite_memory_mb", 1024, "Memory all SQLite connections of the process may hold together, in MB - set 0 to disable this limit", s => s.MaxSqliteMemoryMb, (s, v) => s with { MaxSqliteMemoryMb = v }, listedWhenChanged: true),

        // Datasette has no response cache.
        Int("response_cache_mb", 64, "Memory for remembered answers of immutable databases, in MB - set 0 to disable the response cache", s => s.ResponseCacheMb, (s, v) => s with { ResponseCacheMb = v }, listedWhenChanged: true),
    };

    private static readonly Dictionary<string, SettingDefinition> ByName = Index();

    public static bool TryGet(string name, out SettingDefinition definition) => ByName.TryGetValue(name, out definition!);

    private static Dictionary<string, SettingDefinition> Index()
    {
        var index = new Dictionary<string, SettingDefinition>(StringComparer.Ordinal);
        foreach (var definition in All)
        {
            index.Add(definition.Name, definition);
        }
        return index;
    }

    private static string ToPropertyName(string name)
    {
        var parts = name.Split('_');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Length == 0 ? parts[i] : char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
        }
        return string.Concat(parts);
    }

    private static SettingDefinition Int(string name, int value, string description, Func<Settings, int> get, Func<Settings, int, Settings> with, long minimum = 0, bool listedWhenChanged = false) =>
        new Typed<int>(name, SettingKind.Integer, value, description, minimum, int.MaxValue, listedWhenChanged, get, with, v => (long)v, o => checked((int)(long)o));

    private static SettingDefinition Long(string name, long value, string description, Func<Settings, long> get, Func<Settings, long, Settings> with) =>
        new Typed<long>(name, SettingKind.Integer, value, description, 0, long.MaxValue, false, get, with, v => v, o => (long)o);

    private static SettingDefinition Bool(string name, bool value, string description, Func<Settings, bool> get, Func<Settings, bool, Settings> with) =>
        new Typed<bool>(name, SettingKind.Boolean, value, description, 0, 0, false, get, with, v => v, o => (bool)o);

    private static SettingDefinition Str(string name, string value, string description, Func<Settings, string> get, Func<Settings, string, Settings> with) =>
        new Typed<string>(name, SettingKind.String, value, description, 0, 0, false, get, with, v => v, o => (string)o);

    /// <summary>Ties a row to its typed property; values cross the untyped API as long, bool or string.</summary>
    private sealed class Typed<T> : SettingDefinition
    {
        private readonly Func<Settings, T> _get;
        private readonly Func<Settings, T, Settings> _with;
        private readonly Func<T, object> _box;
        private readonly Func<object, T> _unbox;

        public Typed(string name, SettingKind kind, T value, string description, long minimum, long maximum, bool listedWhenChanged,
            Func<Settings, T> get, Func<Settings, T, Settings> with, Func<T, object> box, Func<object, T> unbox)
            : base(name, kind, box(value), description, minimum, maximum, listedWhenChanged)
        {
            _get = get;
            _with = with;
            _box = box;
            _unbox = unbox;
        }

        public override object Read(Settings settings) => _box(_get(settings));

        public override Settings Write(Settings settings, object value) => _with(settings, _unbox(value));
    }
}
