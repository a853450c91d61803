using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime;

// Column types (internal-database spec §5): the registry of types lives here, the assignments in
// the internal database's column_types table.
public sealed partial class Datasette
{
    private readonly Dictionary<string, ColumnType> _columnTypes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Database, string Resource), (long Version, long Schema, List<(string Column, ColumnType Type)> Types)> _columnTypeCache = new();

    /// <summary>The registered column types by name: the four built-in ones and the plugins'.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes => _columnTypes;

    /// <summary>Registers a column type; a name already taken throws "Duplicate column type name: X".</summary>
    public void RegisterColumnType(ColumnType columnType)
    {
        if (!_columnTypes.TryAdd(columnType.Name, columnType with { Config = null }))
        {
            throw new InvalidOperationException("Duplicate column type name: " + columnType.Name);
        }
    }

    /// <summary>
    /// The column type assigned to a column, carrying its config; null when none is assigned, the
    /// type is not registered, or it does not apply to the column as it is now.
    /// </summary>
    public Task<ColumnType?> GetColumnTypeAsync(string database, string resource, string column)
    {
        foreach (var (name, type) in ColumnTypesFor(database, resource, column))
        {
            if (name == column)
            {
                return Task.FromResult<ColumnType?>(type);
            }
        }
        return Task.FromResult<ColumnType?>(null);
    }

    /// <summary>Every applicable column type assigned on a table or view: column → type with its config.</summary>
    public Task<IReadOnlyDictionary<string, ColumnType>> GetColumnTypesAsync(string database, string resource)
    {
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var (column, type) in ColumnTypesFor(database, resource))
        {
            types[column] = type;
        }
        return Task.FromResult<IReadOnlyDictionary<string, ColumnType>>(types);
    }

    /// <summary>
    /// Assigns <paramref name="columnType"/> to a column, replacing any assignment. A registered type
    /// restricted to some SQLite types throws <see cref="ArgumentException"/> (Datasette's ValueError)
    /// when the column exists with another type; unregistered names are stored unchecked. An empty
    /// config is stored as null.
    /// </summary>
    public async Task SetColumnTypeAsync(string database, string resource, string column, string columnType, JsonObject? config = null)
    {
        if (_columnTypes.TryGetValue(columnType, out var registered) && registered.SqliteTypes is { } allowed
            && LiveDeclaredType(database, resource, column) is { } declared)
        {
            var actual = SqliteAffinities.FromDeclaredType(declared);
            if (!registered.AppliesTo(actual))
            {
                var names = new List<string>();
                foreach (var type in allowed)
                {
                    names.Add(type.Name());
                }
                throw new ArgumentException(
                    $"Column type '{columnType}' is only applicable to SQLite types {string.Join(", ", names)} but {database}.{resource}.{column} has SQLite type {actual.Name()}");
            }
        }
        var json = config is null || config.Count == 0 ? null : PythonJson.Dumps(config);
        await Internal.ColumnTypes.SetAsync(database, resource, column, columnType, json).ConfigureAwait(false);
    }

    /// <summary>Removes a column's type assignment (nothing happens when there is none).</summary>
    public Task RemoveColumnTypeAsync(string database, string resource, string column) =>
        Internal.ColumnTypes.RemoveAsync(database, resource, column);

    /// <summary>
    /// How JSON output transforms the values of <paramref name="columns"/> (by position), or null when
    /// no column has a type. Cached until an assignment changes or the schema changes,
    /// so table pages do not query the internal database on every request.
    /// </summary>
    internal IReadOnlyDictionary<int, Func<object?, object?>>? ValueTransforms(Database database, string resource, IReadOnlyList<string> columns)
    {
        var types = CachedColumnTypes(database, resource);
        if (types.Count == 0)
        {
            return null;
        }
        var transforms = new Dictionary<int, Func<object?, object?>>();
        foreach (var (column, type) in types)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == column)
                {
                    transforms[i] = value => type.TransformValue(value, this);
                }
            }
        }
        return transforms;
    }

    /// <summary>
    /// <see cref="ColumnTypesFor"/> for a whole table or view, cached until an assignment or the
    /// schema changes: pages read it on every request.
    /// </summary>
    internal IReadOnlyList<(string Column, ColumnType Type)> CachedColumnTypes(Database database, string resource)
    {
        var version = Internal.ColumnTypes.Version;
        var schema = database.Schema.Version;
        if (!_columnTypeCache.TryGetValue((database.Name, resource), out var cached) || cached.Version != version || cached.Schema != schema)
        {
            cached = (version, schema, ColumnTypesFor(database.Name, resource));
            _columnTypeCache[(database.Name, resource)] = cached;
        }
        return cached.Types;
    }

    /// <summary>The applicable assignments of a table or view (or of one column), in the order they were made.</summary>
    internal List<(string Column, ColumnType Type)> ColumnTypesFor(string database, string resource, string? column = null)
    {
        var found = new List<(string, ColumnType)>();
        var rows = Internal.ColumnTypes.Rows(database, resource, column);
        if (rows.Count == 0)
        {
            return found;
        }
        TableInfo? table = null;
        var tableRead = false;
        foreach (var (name, typeName, config) in rows)
        {
            if (!_columnTypes.TryGetValue(typeName, out var type))
            {
                continue;
            }
            if (type.SqliteTypes is not null)
            {
                if (!tableRead)
                {
                    table = TryGetDatabase(database) is { IsClosed: false } attached ? attached.Schema.Find(resource) : null;
                    tableRead = true;
                }
                var info = table?.Columns is { } columns ? FindColumn(columns, name) : null;
                if (info is null || !type.AppliesTo(SqliteAffinities.FromDeclaredType(info.Type)))
                {
                    continue;
                }
            }
            found.Add((name, type with { Config = ParseConfig(config) }));
        }
        return found;
    }

    private async Task ApplyConfiguredColumnTypesAsync()
    {
        foreach (var database in Config.Databases)
        {
            foreach (var table in database.Tables)
            {
                foreach (var assigned in table.ColumnTypes)
                {
                    var config = ConfigJsonNodes.ToJsonNode(assigned.Config, resolveSecrets: false) as JsonObject;
                    if (!_columnTypes.ContainsKey(assigned.Type))
                    {
                        _startupWarnings.Add($"Unknown column type '{assigned.Type}' for {database.Name}.{table.Name}.{assigned.Column}");
                    }
                    try
                    {
                        await SetColumnTypeAsync(database.Name, table.Name, assigned.Column, assigned.Type, config).ConfigureAwait(false);
                    }
                    catch (ArgumentException ex)
                    {
                        _startupWarnings.Add(ex.Message);
                    }
                }
            }
        }
    }

    private static ColumnInfo? FindColumn(IReadOnlyList<ColumnInfo> columns, string name)
    {
        foreach (var column in columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }
        return null;
    }

    /// <summary>The declared type of a column read now with PRAGMA table_xinfo; null when the database, table or column is missing.</summary>
    private string? LiveDeclaredType(string database, string resource, string column)
    {
        if (TryGetDatabase(database) is not { IsClosed: false } attached)
        {
            return null;
        }
        return attached.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = $"PRAGMA table_xinfo({SqlIdentifier.Quote(resource)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetString(1) == column)
                {
                    return reader.IsDBNull(2) ? "" : reader.GetString(2);
                }
            }
            return null;
        });
    }

    private static JsonObject? ParseConfig(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
