using System;

namespace Datasette.Gen.Configuration.Model;

/// <summary>The effective value of every Datasette setting; defaults as Datasette 1.0 ships them.</summary>
public sealed record Settings
{
    public static readonly Settings Default = new();

    public int DefaultPageSize { get; init; } = 100;
    public int MaxReturnedRows { get; init; } = 1000;
    public int MaxInsertRows { get; init; } = 100;
    public long MaxPostBodyBytes { get; init; } = 2097152;
    public int NumSqlThreads { get; init; } = 3;
    public int SqlTimeLimitMs { get; init; } = 1000;
    public int DefaultFacetSize { get; init; } = 30;
    public int FacetTimeLimitMs { get; init; } = 200;
    public int FacetSuggestTimeLimitMs { get; init; } = 50;
    public bool AllowFacet { get; init; } = true;
    public bool AllowDownload { get; init; } = true;
    public bool AllowSignedTokens { get; init; } = true;
    public bool DefaultAllowSql { get; init; } = true;
    public long MaxSignedTokensTtl { get; init; }
    public bool SuggestFacets { get; init; } = true;
    public int DefaultCacheTtl { get; init; } = 5;
    public int CacheSizeKb { get; init; }
    public bool AllowCsvStream { get; init; } = true;
    public int MaxCsvMb { get; init; } = 100;
    public int TruncateCellsHtml { get; init; } = 2048;
    public bool ForceHttpsUrls { get; init; }
    public bool TemplateDebug { get; init; }
    public bool TraceDebug { get; init; }
    public string BaseUrl { get; init; } = "/";

    // This server's own limits (SettingDefinition.Extensions).
    public int MaxValueMb { get; init; } = 16;
    public int MaxResponseMb { get; init; } = 64;
    public int MaxSqliteMemoryMb { get; init; } = 1024;

    /// <summary>The value of a setting by its Datasette name: a long, bool or string.</summary>
    public object Get(string name) => name switch
    {
        "default_page_size" => (long)DefaultPageSize,
        "max_returned_rows" => (long)MaxReturnedRows,
        "max_insert_rows" => (long)MaxInsertRows,
        "max_post_body_bytes" => MaxPostBodyBytes,
        "num_sql_threads" => (long)NumSqlThreads,
        "sql_time_limit_ms" => (long)SqlTimeLimitMs,
        "default_facet_size" => (long)DefaultFacetSize,
        "facet_time_limit_ms" => (long)FacetTimeLimitMs,
        "facet_suggest_time_limit_ms" => (long)FacetSuggestTimeLimitMs,
        "allow_facet" => AllowFacet,
        "allow_download" => AllowDownload,
        "allow_signed_tokens" => AllowSignedTokens,
        "default_allow_sql" => DefaultAllowSql,
        "max_signed_tokens_ttl" => MaxSignedTokensTtl,
        "suggest_facets" => SuggestFacets,
        "default_cache_ttl" => (long)DefaultCacheTtl,
        "cache_size_kb" => (long)CacheSizeKb,
        "allow_csv_stream" => AllowCsvStream,
        "max_csv_mb" => (long)MaxCsvMb,
        "truncate_cells_html" => (long)TruncateCellsHtml,
        "force_https_urls" => ForceHttpsUrls,
        "template_debug" => TemplateDebug,
        "trace_debug" => TraceDebug,
        "base_url" => BaseUrl,
        "max_value_mb" => (long)MaxValueMb,
        "max_response_mb" => (long)MaxResponseMb,
        "max_sqlite_memory_mb" => (long)MaxSqliteMemoryMb,
        _ => throw new ArgumentException($"Unknown setting '{name}'", nameof(name)),
    };

    /// <summary>A copy with one setting replaced; the value's type must match the setting's kind.</summary>
    public Settings With(string name, object value) => name switch
    {
        "default_page_size" => this with { DefaultPageSize = ToInt(value) },
        "max_returned_rows" => this with { MaxReturnedRows = ToInt(value) },
        "max_insert_rows" => this with { MaxInsertRows = ToInt(value) },
        "max_post_body_bytes" => this with { MaxPostBodyBytes = (long)value },
        "num_sql_threads" => this with { NumSqlThreads = ToInt(value) },
        "sql_time_limit_ms" => this with { SqlTimeLimitMs = ToInt(value) },
        "default_facet_size" => this with { DefaultFacetSize = ToInt(value) },
        "facet_time_limit_ms" => this with { FacetTimeLimitMs = ToInt(value) },
        "facet_suggest_time_limit_ms" => this with { FacetSuggestTimeLimitMs = ToInt(value) },
        "allow_facet" => this with { AllowFacet = (bool)value },
        "allow_download" => this with { AllowDownload = (bool)value },
        "allow_signed_tokens" => this with { AllowSignedTokens = (bool)value },
        "default_allow_sql" => this with { DefaultAllowSql = (bool)value },
        "max_signed_tokens_ttl" => this with { MaxSignedTokensTtl = (long)value },
        "suggest_facets" => this with { SuggestFacets = (bool)value },
        "default_cache_ttl" => this with { DefaultCacheTtl = ToInt(value) },
        "cache_size_kb" => this with { CacheSizeKb = ToInt(value) },
        "allow_csv_stream" => this with { AllowCsvStream = (bool)value },
        "max_csv_mb" => this with { MaxCsvMb = ToInt(value) },
        "truncate_cells_html" => this with { TruncateCellsHtml = ToInt(value) },
        "force_https_urls" => this with { ForceHttpsUrls = (bool)value },
        "template_debug" => this with { TemplateDebug = (bool)value },
        "trace_debug" => this with { TraceDebug = (bool)value },
        "base_url" => this with { BaseUrl = (string)value },
        "max_value_mb" => this with { MaxValueMb = ToInt(value) },
        "max_response_mb" => this with { MaxResponseMb = ToInt(value) },
        "max_sqlite_memory_mb" => this with { MaxSqliteMemoryMb = ToInt(value) },
        _ => throw new ArgumentException($"Unknown setting '{name}'", nameof(name)),
    };

    private static int ToInt(object value) => checked((int)(long)value);
}
