namespace Datasette.Gen.Runtime;

// Metadata in the internal database's metadata_* tables (internal-database spec §4): values come
// back exactly as stored, with no merging across levels and no fallback; writes are upserts and
// nothing checks that the database, resource or column exists.
public sealed partial class Datasette
{
    /// <summary>Every instance-level metadata value (metadata_instance), key → value.</summary>
    public Task<IReadOnlyDictionary<string, string?>> GetInstanceMetadataAsync() =>
        Task.FromResult(Internal.Metadata.Values());

    /// <summary>A database's metadata values (metadata_databases).</summary>
    public Task<IReadOnlyDictionary<string, string?>> GetDatabaseMetadataAsync(string databaseName) =>
        Task.FromResult(Internal.Metadata.Values(databaseName));

    /// <summary>A table's, view's or stored query's metadata values (metadata_resources).</summary>
    public Task<IReadOnlyDictionary<string, string?>> GetResourceMetadataAsync(string databaseName, string resourceName) =>
        Task.FromResult(Internal.Metadata.Values(databaseName, resourceName));

    /// <summary>A column's metadata values (metadata_columns).</summary>
    public Task<IReadOnlyDictionary<string, string?>> GetColumnMetadataAsync(string databaseName, string resourceName, string columnName) =>
        Task.FromResult(Internal.Metadata.Values(databaseName, resourceName, columnName));

    /// <summary>Sets (inserts or replaces) an instance-level metadata value, e.g. <c>title</c>.</summary>
    public Task SetInstanceMetadataAsync(string key, string? value) =>
        Internal.Metadata.SetAsync(null, null, null, key, value);

    public Task SetDatabaseMetadataAsync(string databaseName, string key, string? value) =>
        Internal.Metadata.SetAsync(databaseName, null, null, key, value);

    public Task SetResourceMetadataAsync(string databaseName, string resourceName, string key, string? value) =>
        Internal.Metadata.SetAsync(databaseName, resourceName, null, key, value);

    public Task SetColumnMetadataAsync(string databaseName, string resourceName, string columnName, string key, string? value) =>
        Internal.Metadata.SetAsync(databaseName, resourceName, columnName, key, value);
}
