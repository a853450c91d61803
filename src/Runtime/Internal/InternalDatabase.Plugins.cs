using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

// The rows behind the plugin API's metadata and column-type methods (internal-database spec §4, §5).
public sealed partial class InternalDatabase
{
    /// <summary>Metadata at one level, key → value in insertion order: instance (no database), database, resource or column.</summary>
    public IReadOnlyDictionary<string, string?> Metadata(string? database = null, string? resource = null, string? column = null)
    {
        var sql = (database, resource, column) switch
        {
            (null, _, _) => "select key, value from metadata_instance order by rowid",
            (_, null, _) => "select key, value from metadata_databases where database_name = :db order by rowid",
            (_, _, null) => "select key, value from metadata_resources where database_name = :db and resource_name = :resource order by rowid",
            _ => "select key, value from metadata_columns where database_name = :db and resource_name = :resource and column_name = :column order by rowid",
        };
        return Database.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue(":db", (object?)database ?? DBNull.Value);
            command.Parameters.AddWithValue(":resource", (object?)resource ?? DBNull.Value);
            command.Parameters.AddWithValue(":column", (object?)column ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
            return (IReadOnlyDictionary<string, string?>)values;
        });
    }

    /// <summary>Upserts one metadata value at the level the non-null names select.</summary>
    public Task SetMetadataAsync(string? database, string? resource, string? column, string key, string? value) => Database.WriteAsync(c =>
    {
        var sql = (database, resource, column) switch
        {
            (null, _, _) => "insert or replace into metadata_instance (key, value) values (:key, :value)",
            (_, null, _) => "insert or replace into metadata_databases (database_name, key, value) values (:db, :key, :value)",
            (_, _, null) => "insert or replace into metadata_resources (database_name, resource_name, key, value) values (:db, :resource, :key, :value)",
            _ => "insert or replace into metadata_columns (database_name, resource_name, column_name, key, value) values (:db, :resource, :column, :key, :value)",
        };
        using var command = c.Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(":db", (object?)database ?? DBNull.Value);
        command.Parameters.AddWithValue(":resource", (object?)resource ?? DBNull.Value);
        command.Parameters.AddWithValue(":column", (object?)column ?? DBNull.Value);
        command.Parameters.AddWithValue(":key", key);
        command.Parameters.AddWithValue(":value", (object?)value ?? DBNull.Value);
        return command.ExecuteNonQuery();
    });

    /// <summary>The column_types rows of a table or view (one column, or all): (column, type name, config JSON text).</summary>
    public IReadOnlyList<(string Column, string Type, string? Config)> ColumnTypeRows(string database, string resource, string? column = null) => Database.Read(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = "select column_name, column_type, config from column_types where database_name = :db and resource_name = :resource"
            + (column is null ? "" : " and column_name = :column") + " order by rowid";
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

    public Task SetColumnTypeAsync(string database, string resource, string column, string type, string? config) => Database.WriteAsync(c =>
        Execute(c.Connection, "insert or replace into column_types (database_name, resource_name, column_name, column_type, config) values (:db, :resource, :column, :type, :config)",
            database, resource, column, type, config));

    public Task RemoveColumnTypeAsync(string database, string resource, string column) => Database.WriteAsync(c =>
        Execute(c.Connection, "delete from column_types where database_name = :db and resource_name = :resource and column_name = :column",
            database, resource, column, null, null));

    private static int Execute(SqliteConnection connection, string sql, string database, string resource, string column, string? type, string? config)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(":db", database);
        command.Parameters.AddWithValue(":resource", resource);
        command.Parameters.AddWithValue(":column", column);
        if (sql.Contains(":type", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue(":type", (object?)type ?? DBNull.Value);
            command.Parameters.AddWithValue(":config", (object?)config ?? DBNull.Value);
        }
        return command.ExecuteNonQuery();
    }
}
