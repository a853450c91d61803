using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>The internal database as permission SQL runs against it: rule SQL joins its catalog and queries tables.</summary>
internal sealed class PermissionDatabase(Database database)
{
    /// <summary>Counts writes to the internal database: what shared verdicts depend on.</summary>
    public long WriteGeneration => database.WriteGeneration;

    /// <summary>
    /// Runs a query, binding named parameters. Commands stay prepared per connection, keyed by
    /// their text: the SQL of a given (sources, action) shape is the same on every request, only
    /// the parameters change.
    /// </summary>
    public T Query<T>(string sql, IReadOnlyDictionary<string, object?> parameters, Func<SqliteDataReader, T> read) =>
        database.Read(c =>
        {
            var command = StatementCache.Command(c.Connection, sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
            }
            using var reader = command.ExecuteReader();
            return read(reader);
        });
}
