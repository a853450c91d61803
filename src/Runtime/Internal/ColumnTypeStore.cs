using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// The column_types table of the internal database: which type is assigned to which column, with
/// its config as JSON text. Whether a type is registered or applies is the caller's business.
/// </summary>
internal sealed class ColumnTypeStore
{
    private readonly Database _internal;
    private long _version;

    public ColumnTypeStore(Database internalDatabase) => _internal = internalDatabase;

    /// <summary>Bumped by every assignment or removal, so caches of assignments know when to re-read.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The rows of a table or view (one column, or all) in the order they were made: (column, type name, config JSON text).</summary>
    public IReadOnlyList<(string Column, string Type, string? Config)> Rows(string database, string resource, string? column = null) => _internal.Read(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = column is null
            ? "select column_name, column_type, config from column_types where database_name = :db and resource_name = :resource order by rowid"
            : "select column_name, column_type, config from column_types where database_name = :db and resource_name = :resource and column_name = :column order by rowid";
        command.Parameters.AddWithValue(":db", database);
        command.Parameters.AddWithValue(":resource", resource);
        command.Parameters.AddWithValue(":column", (object?)column ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return (IReadOnlyList<(string, string, string?)>)rows;
    });

    /// <summary>Assigns <paramref name="type"/> to a column, replacing any assignment.</summary>
    public Task SetAsync(string database, string resource, string column, string type, string? config) => WriteAsync(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = "insert or replace into column_types (database_name, resource_name, column_name, column_type, config) values (:db, :resource, :column, :type, :config)";
        command.Parameters.AddWithValue(":db", database);
        command.Parameters.AddWithValue(":resource", resource);
        command.Parameters.AddWithValue(":column", column);
        command.Parameters.AddWithValue(":type", type);
        command.Parameters.AddWithValue(":config", (object?)config ?? DBNull.Value);
        return command.ExecuteNonQuery();
    });

    public Task RemoveAsync(string database, string resource, string column) => WriteAsync(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = "delete from column_types where database_name = :db and resource_name = :resource and column_name = :column";
        command.Parameters.AddWithValue(":db", database);
        command.Parameters.AddWithValue(":resource", resource);
        command.Parameters.AddWithValue(":column", column);
        return command.ExecuteNonQuery();
    });

    private async Task WriteAsync(Func<SqliteConnector, int> write)
    {
        await _internal.WriteInTransactionAsync(write).ConfigureAwait(false);
        Interlocked.Increment(ref _version);
    }
}
