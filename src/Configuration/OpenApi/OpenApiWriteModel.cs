namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>What an actor holds on one table (or view) that a write endpoint needs.</summary>
[System.Flags]
public enum OpenApiTableGrants
{
    None = 0,
    InsertRow = 1,
    UpdateRow = 2,
    DeleteRow = 4,
    AlterTable = 8,
    DropTable = 16,
    SetColumnType = 32,
}

/// <summary>The table write endpoints (write-api.md §4–§7, §12–§14).</summary>
[System.Flags]
public enum OpenApiTableWriteEndpoints
{
    None = 0,
    Insert = 1,
    Upsert = 2,
    Update = 4,
    Delete = 8,
    Alter = 16,
    Drop = 32,
    SetColumnType = 64,
}

/// <summary>
/// A table's write endpoints as one actor may use them: the table as its read part describes it
/// (the write part refers to that part's row schema) and the endpoints to describe.
/// </summary>
public sealed record OpenApiTableWrites(OpenApiTable Table, OpenApiTableWriteEndpoints Endpoints)
{
    /// <summary>
    /// The endpoints an actor holding <paramref name="grants"/> may use, as the endpoints decide:
    /// upsert needs insert-row and update-row; every row or schema change needs a mutable database
    /// and a table (views refuse them with 404); set-column-type is stored in the internal database,
    /// so it works on views and immutable databases too.
    /// </summary>
    public static OpenApiTableWriteEndpoints Usable(OpenApiTableGrants grants, bool isView, bool mutableDatabase)
    {
        var endpoints = (grants & OpenApiTableGrants.SetColumnType) != 0 ? OpenApiTableWriteEndpoints.SetColumnType : OpenApiTableWriteEndpoints.None;
        if (isView || !mutableDatabase)
        {
            return endpoints;
        }
        bool Has(OpenApiTableGrants grant) => (grants & grant) != 0;
        if (Has(OpenApiTableGrants.InsertRow))
        {
            endpoints |= OpenApiTableWriteEndpoints.Insert;
        }
        if (Has(OpenApiTableGrants.InsertRow) && Has(OpenApiTableGrants.UpdateRow))
        {
            endpoints |= OpenApiTableWriteEndpoints.Upsert;
        }
        if (Has(OpenApiTableGrants.UpdateRow))
        {
            endpoints |= OpenApiTableWriteEndpoints.Update;
        }
        if (Has(OpenApiTableGrants.DeleteRow))
        {
            endpoints |= OpenApiTableWriteEndpoints.Delete;
        }
        if (Has(OpenApiTableGrants.AlterTable))
        {
            endpoints |= OpenApiTableWriteEndpoints.Alter;
        }
        if (Has(OpenApiTableGrants.DropTable))
        {
            endpoints |= OpenApiTableWriteEndpoints.Drop;
        }
        return endpoints;
    }
}

/// <summary>
/// A database's write endpoints as one actor may use them: <c>/-/create</c> (create-table) and
/// <c>/-/execute-write</c> with its analysis (execute-write-sql); neither on an immutable database.
/// </summary>
public sealed record OpenApiDatabaseWrites(OpenApiDatabase Database, bool CreateTable, bool ExecuteWrite)
{
    public bool Any => CreateTable || ExecuteWrite;

    /// <summary>The endpoints an actor holding create-table and execute-write-sql as given may use: both refuse an immutable database.</summary>
    public static OpenApiDatabaseWrites Usable(OpenApiDatabase database, bool createTable, bool executeWriteSql, bool mutableDatabase) =>
        new(database, createTable && mutableDatabase, executeWriteSql && mutableDatabase);
}
