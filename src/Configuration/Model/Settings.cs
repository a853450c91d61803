namespace Datasette.Gen.Configuration.Model;

/// <summary>
/// The effective value of every Datasette setting, one plain property each so a request reads a field.
/// Names, defaults, help and ranges live in <see cref="SettingDefinition.All"/>; a setting's row there
/// names its property here, so adding a setting means one property and one row.
/// </summary>
public sealed record Settings
{
    /// <summary>Every setting at its default, as Datasette 1.0 ships them.</summary>
    public static readonly Settings Default = WithDefaults();

    // Only Default and `with` make instances, so no default is repeated here.
    private Settings()
    {
        BaseUrl = string.Empty;
    }

    public int DefaultPageSize { get; init; }
    public int MaxReturnedRows { get; init; }
    public int MaxInsertRows { get; init; }
    public long MaxPostBodyBytes { get; init; }
    public int NumSqlThreads { get; init; }
    public int SqlTimeLimitMs { get; init; }
    public int DefaultFacetSize { get; init; }
    public int FacetTimeLimitMs { get; init; }
    public int FacetSuggestTimeLimitMs { get; init; }
    public bool AllowFacet { get; init; }
    public bool AllowDownload { get; init; }
    public bool AllowSignedTokens { get; init; }
    public bool DefaultAllowSql { get; init; }
    public long MaxSignedTokensTtl { get; init; }
    public bool SuggestFacets { get; init; }
    public int DefaultCacheTtl { get; init; }
    public int CacheSizeKb { get; init; }
    public bool AllowCsvStream { get; init; }
    public int MaxCsvMb { get; init; }
    public int TruncateCellsHtml { get; init; }
    public bool ForceHttpsUrls { get; init; }
    public bool TemplateDebug { get; init; }
    public bool TraceDebug { get; init; }
    public string BaseUrl { get; init; }
    public int MaxValueMb { get; init; }
    public int MaxResponseMb { get; init; }
    public int MaxSqliteMemoryMb { get; init; }
    public int ResponseCacheMb { get; init; }

    /// <summary>The value of a setting by its Datasette name: a long, bool or string.</summary>
    public object Get(string name) => Definition(name).Read(this);

    /// <summary>A copy with one setting replaced; the value's type must match the setting's kind.</summary>
    public Settings With(string name, object value) => Definition(name).Write(this, value);

    private static SettingDefinition Definition(string name) =>
        SettingDefinition.TryGet(name, out var definition) ? definition : throw new ArgumentException($"Unknown setting '{name}'", nameof(name));

    private static Settings WithDefaults()
    {
        var settings = new Settings();
        foreach (var definition in SettingDefinition.All)
        {
            settings = definition.Write(settings, definition.Default);
        }
        return settings;
    }
}
