namespace Datasette.Gen.Configuration.Diagnostics;

/// <summary>
/// Every configuration diagnostic, numbered once and never reused. Errors fail the build
/// (and start-up, for files given at run time); warnings flag keys Datasette 1.0 ignores.
/// </summary>
public static class DiagnosticCatalog
{
    private const string Hint = " Hint: In YAML/JSON config files, remove quotes from boolean and integer values.";

    /// <summary>The file cannot be read as JSON or YAML.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidSyntax = Error("DSG0001", "Invalid JSON or YAML",
        "Metadata is not valid JSON or YAML: {0}");

    /// <summary>The document root is not a mapping.</summary>
    public static readonly ConfigDiagnosticDescriptor RootNotMapping = Error("DSG0002", "Root is not a mapping",
        "The root of a configuration or metadata file must be a mapping, got {0}");

    /// <summary>The <c>settings</c> key holds something other than a mapping.</summary>
    public static readonly ConfigDiagnosticDescriptor SettingsNotMapping = Error("DSG0003", "Settings is not a mapping",
        "'settings' must be a mapping, got {0}");

    /// <summary>A setting name Datasette does not know (including removed ones).</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownSetting = Error("DSG0004", "Unknown setting",
        "Invalid setting '{0}' in config file{1}");

    /// <summary>A setting value of the wrong type; a boolean is not an int and vice versa.</summary>
    public static readonly ConfigDiagnosticDescriptor SettingWrongType = Error("DSG0005", "Setting has the wrong type",
        "Setting '{0}' in config file has incorrect type. Expected {1}, got {2}. Value: {3}." + Hint);

    /// <summary>base_url must start and end with a slash.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidBaseUrl = Error("DSG0006", "Invalid base_url",
        "base_url must start and end with '/', got '{0}'");

    /// <summary>An integer setting that must be positive or non-negative is not.</summary>
    public static readonly ConfigDiagnosticDescriptor SettingOutOfRange = Error("DSG0007", "Setting out of range",
        "Setting '{0}' must be {1}, got {2}");

    /// <summary>default_page_size larger than max_returned_rows.</summary>
    public static readonly ConfigDiagnosticDescriptor PageSizeOverMax = Error("DSG0008", "default_page_size over max_returned_rows",
        "default_page_size ({0}) must not be greater than max_returned_rows ({1})");

    /// <summary>A stored query mapping without <c>sql</c>.</summary>
    public static readonly ConfigDiagnosticDescriptor QueryWithoutSql = Error("DSG0009", "Stored query without sql",
        "Stored query '{0}' has no 'sql' key");

    /// <summary>A stored query whose <c>sql</c> is not a string.</summary>
    public static readonly ConfigDiagnosticDescriptor QuerySqlNotString = Error("DSG0010", "Stored query sql is not a string",
        "Stored query '{0}': 'sql' must be a string, got {1}");

    /// <summary>A stored query <c>params</c> that is not a list of parameter names.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidQueryParams = Error("DSG0011", "Invalid stored query params",
        "Stored query '{0}': 'params' must be a list of parameter names{1}");

    /// <summary>A stored query name that cannot be routed.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidQueryName = Error("DSG0012", "Invalid stored query name",
        "Stored query name '{0}' must not be empty or contain '/', '.' or a newline");

    /// <summary>Both sort and sort_desc on one table: every request to it would fail.</summary>
    public static readonly ConfigDiagnosticDescriptor SortAndSortDesc = Error("DSG0013", "sort and sort_desc together",
        "Table '{0}' sets both 'sort' and 'sort_desc'; use one of them");

    /// <summary>size/facet_size must be a positive integer or "max".</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidSize = Error("DSG0014", "Invalid size",
        "'{0}' must be a positive integer or \"max\", got {1}");

    /// <summary>A table size above max_returned_rows.</summary>
    public static readonly ConfigDiagnosticDescriptor SizeOverMax = Error("DSG0015", "Size over max_returned_rows",
        "'{0}' ({1}) must not be greater than max_returned_rows ({2})");

    /// <summary>A key that must hold a value of one shape holds another.</summary>
    public static readonly ConfigDiagnosticDescriptor WrongShape = Error("DSG0016", "Value has the wrong shape",
        "'{0}' must be {1}, got {2}");

    /// <summary>A facets entry that is neither a column nor a one-key mapping of a known facet type.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidFacet = Error("DSG0017", "Invalid facet",
        "Invalid facet {0}: use a column name or a mapping with exactly one of 'column', 'date', 'array'");

    /// <summary>searchmode must be raw or escaped.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidSearchMode = Error("DSG0018", "Invalid searchmode",
        "searchmode must be 'raw' or 'escaped', got {0}");

    /// <summary>An allow block that is not true/false/null/1/0 or a mapping of actor keys.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidAllowBlock = Error("DSG0019", "Invalid allow block",
        "Invalid allow block at '{0}': {1}");

    /// <summary>A permissions block naming an action that does not exist.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownAction = Error("DSG0020", "Unknown action",
        "Unknown action '{0}' in permissions{1}");

    /// <summary>extra_css_urls / extra_js_urls entries must be strings or mappings with url.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidExtraUrl = Error("DSG0021", "Invalid extra URL",
        "Entries of '{0}' must be a URL string or a mapping with a 'url' string");

    /// <summary>A $env/$file reference with other keys beside it.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidReference = Error("DSG0022", "Invalid $env/$file reference",
        "A '{0}' reference must be a mapping with that single key and a string value");

    /// <summary>The same key twice in one mapping.</summary>
    public static readonly ConfigDiagnosticDescriptor DuplicateKey = Warning("DSG0023", "Duplicate key",
        "Duplicate key '{0}': the last value wins");

    /// <summary>A setting set to null: Datasette keeps null, which breaks it later.</summary>
    public static readonly ConfigDiagnosticDescriptor NullSetting = Warning("DSG0024", "Setting is null",
        "Setting '{0}' is null; the default ({1}) is used");

    /// <summary>A key Datasette 1.0 reads nowhere.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownKey = Warning("DSG0025", "Unknown key",
        "Unknown key '{0}' in {1} is ignored");

    /// <summary>Descriptive metadata in datasette.yaml, which Datasette 1.0 does not display.</summary>
    public static readonly ConfigDiagnosticDescriptor MetadataKeyInConfig = Warning("DSG0026", "Metadata key in configuration",
        "'{0}' is metadata and is ignored in a configuration file; put it in metadata.yaml");

    /// <summary>A metadata-file key that Datasette moves into the configuration.</summary>
    public static readonly ConfigDiagnosticDescriptor MigratedMetadataKey = Warning("DSG0027", "Configuration key in metadata",
        "'{0}' in a metadata file is configuration; it is moved to datasette.yaml's '{1}'");

    /// <summary>A metadata-file key that has no effect there.</summary>
    public static readonly ConfigDiagnosticDescriptor IgnoredMetadataKey = Warning("DSG0028", "Ignored key in metadata",
        "'{0}' has no effect in a metadata file; put it in datasette.yaml");

    // DSG0030–DSG0036 need the schema snapshot (datasette.schema.json); without one they are skipped.

    /// <summary>A configured database that the deployment does not serve.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownDatabase = Error("DSG0030", "Unknown database",
        "Database '{0}' is configured but not served{1}");

    /// <summary>A configured table or view absent from the schema.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownTable = Error("DSG0031", "Unknown table",
        "Table or view '{0}' does not exist in database '{1}'{2}");

    /// <summary>A column named in configuration absent from its table.</summary>
    public static readonly ConfigDiagnosticDescriptor UnknownColumn = Error("DSG0032", "Unknown column",
        "Column '{0}' ({1}) does not exist in '{2}'{3}");

    /// <summary>fts_table that is not a full-text search table.</summary>
    public static readonly ConfigDiagnosticDescriptor NotFtsTable = Error("DSG0033", "Not an FTS table",
        "fts_table '{0}' is not an FTS table in database '{1}'{2}");

    /// <summary>Stored query SQL that SQLite cannot prepare.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidQuerySql = Error("DSG0034", "Stored query SQL is invalid",
        "Stored query '{0}' cannot be prepared: {1}");

    /// <summary>A stored query whose SQL the snapshot has never prepared: it was written before the SQL changed.</summary>
    public static readonly ConfigDiagnosticDescriptor StaleSchemaSnapshot = Warning("DSG0035", "Schema snapshot is stale",
        "Stored query '{0}' is not in the schema snapshot; the schema snapshot is stale: run `datasette-gen schema-snapshot`");

    /// <summary>A schema snapshot file that cannot be read.</summary>
    public static readonly ConfigDiagnosticDescriptor InvalidSchemaSnapshot = Error("DSG0036", "Invalid schema snapshot",
        "Invalid schema snapshot: {0}; regenerate it with `datasette-gen schema-snapshot`");

    private static ConfigDiagnosticDescriptor Error(string id, string title, string format) =>
        new(id, title, format, ConfigSeverity.Error);

    private static ConfigDiagnosticDescriptor Warning(string id, string title, string format) =>
        new(id, title, format, ConfigSeverity.Warning);
}
