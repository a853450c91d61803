namespace Datasette.Gen.Runtime.Errors;

/// <summary>A 404 (Datasette's <c>NotFound</c>): answered with the error envelope, after the tilde and trailing-slash redirects.</summary>
public class NotFoundException(string message) : DatasetteHttpException(404, message);

/// <summary>No database has the requested route (Datasette's <c>DatabaseNotFound</c>).</summary>
public sealed class DatabaseNotFoundException(string databaseName) : NotFoundException("Database not found")
{
    public string DatabaseName { get; } = databaseName;
}

/// <summary>The database has no such table or view (Datasette's <c>TableNotFound</c>).</summary>
public sealed class TableNotFoundException(string databaseName, string table) : NotFoundException("Table not found")
{
    public string DatabaseName { get; } = databaseName;

    public string Table { get; } = table;
}

/// <summary>No row has the primary-key values of the URL (Datasette's <c>RowNotFound</c>).</summary>
public sealed class RowNotFoundException(string databaseName, string table, IReadOnlyList<string> pkValues) : NotFoundException("Row not found")
{
    public string DatabaseName { get; } = databaseName;

    public string Table { get; } = table;

    public IReadOnlyList<string> PkValues { get; } = pkValues;
}
