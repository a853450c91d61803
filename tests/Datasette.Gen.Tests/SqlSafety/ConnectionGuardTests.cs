using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>The guards every connection of a Database gets, checked below the views (ReadOnlySql would stop these statements first).</summary>
public sealed class ConnectionGuardTests
{
    private static object? Scalar(Database database, string sql) =>
        QueryRunner.Run(database, sql, null, 1000, reader => reader.Read() ? reader.GetValue(0) : null);

    [Fact]
    public async Task Attach_and_detach_are_refused_on_read_connections()
    {
        using var file = new TempDatabaseFile("create table t (x)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var attach = Assert.Throws<SqlErrorException>(() => Scalar(database, $"attach database '{file.Path}' as other"));
        Assert.Equal("ATTACH and DETACH are not allowed: they open other files", attach.Message);
        var detach = Assert.Throws<SqlErrorException>(() => Scalar(database, "detach database main"));
        Assert.Equal("ATTACH and DETACH are not allowed: they open other files", detach.Message);
    }

    [Fact]
    public async Task Attach_is_refused_on_the_writer_too()
    {
        using var file = new TempDatabaseFile("create table t (x)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var error = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "attach database ':memory:' as other";
            return command.ExecuteNonQuery();
        }));
        Assert.Equal(23, error.SqliteErrorCode); // SQLITE_AUTH
    }

    [Fact]
    public async Task Read_connections_are_defensive_so_no_sql_can_corrupt_a_file()
    {
        // Defensive mode makes writable_schema, schema_version writes and sqlite_dbpage writes inert.
        using var file = new TempDatabaseFile("create table t (x)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var defensive = database.Read(c =>
        {
            SQLitePCL.raw.sqlite3_db_config(c.Connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_DEFENSIVE, -1, out var current);
            return current;
        });
        Assert.Equal(1, defensive);
    }

    [Fact]
    public async Task The_function_is_refused_through_the_single_statement_check_as_well()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        var error = Assert.Throws<SqlErrorException>(() => ValidatedSql.Parameters(database, "select fts3_tokenizer('simple', :p)"));
        Assert.StartsWith("fts3_tokenizer() is not allowed", error.Message);
    }

    [Fact]
    public async Task A_value_past_the_length_limit_fails_with_a_message_naming_the_setting()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory) { MaxValueBytes = 1024 * 1024 };
        Assert.Equal(1000L, Scalar(database, "select length(zeroblob(1000))"));
        var error = Assert.Throws<SqlErrorException>(() => Scalar(database, "select length(zeroblob(2000000))"));
        Assert.Equal("string or blob too big: a value may hold at most 1 MB (the max_value_mb setting)", error.Message);
    }
}
