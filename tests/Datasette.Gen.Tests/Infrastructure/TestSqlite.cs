using System;
using System.Collections.Generic;
using System.IO;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>
/// SQLite for tests that use the runtime without a server. The provider is the system
/// libsqlite3, set once per test process (DatasetteHost sets it again when a server starts,
/// which SQLitePCLRaw allows: see SqliteProviderTests).
/// </summary>
public static class TestSqlite
{
    private static readonly Lazy<bool> Provider = new(() =>
    {
        SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_sqlite3());
        return true;
    });

    public static void EnsureProvider() => _ = Provider.Value;

    /// <summary>An unpooled connection, so files can be deleted as soon as it is closed.</summary>
    public static SqliteConnection Open(string dataSource, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        EnsureProvider();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns from <paramref name="database"/>, as text ("NULL" for null).</summary>
    public static List<string> Column(Database database, string sql) => database.Read(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? "NULL" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return values;
    });
}

/// <summary>A SQLite file in the temp directory, created from SQL and deleted (with -wal/-shm) on dispose.</summary>
public sealed class TempDatabaseFile : IDisposable
{
    public TempDatabaseFile(string sql = "", string stem = "test")
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "datasette-gen-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, stem + ".db");
        using var connection = Open();
        if (sql.Length > 0)
        {
            TestSqlite.Execute(connection, sql);
        }
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteConnection Open() => TestSqlite.Open(Path);

    public void Execute(string sql)
    {
        using var connection = Open();
        TestSqlite.Execute(connection, sql);
    }

    public object? Scalar(string sql)
    {
        using var connection = Open();
        return TestSqlite.Scalar(connection, sql);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp directory is cleaned by the OS later.
        }
    }
}
