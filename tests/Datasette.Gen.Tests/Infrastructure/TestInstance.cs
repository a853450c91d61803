using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Internal;
using DatasetteInstance = Datasette.Gen.Runtime.Datasette;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>A Datasette instance without a web server: its own temporary internal database, disposed with it.</summary>
public sealed class TestInstance : IAsyncDisposable
{
    private TestInstance(DatasetteInstance datasette) => Datasette = datasette;

    public DatasetteInstance Datasette { get; }

    public static async Task<TestInstance> CreateAsync(DatasetteConfig? config = null)
    {
        TestSqlite.EnsureProvider();
        var internalDatabase = await InternalDatabase.OpenAsync(null);
        return new TestInstance(new DatasetteInstance(config ?? DatasetteConfig.Empty, internalDatabase));
    }

    /// <summary>Binds configuration written as YAML (which may name <paramref name="actionNames"/>), failing the test on any error diagnostic.</summary>
    public static DatasetteConfig Config(string yaml, IReadOnlyCollection<string>? actionNames = null)
    {
        var result = ConfigBinder.Bind(ConfigReader.Read("test.yaml", yaml), null, actionNames);
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return result.Config;
    }

    /// <summary>Attaches a named in-memory database built from <paramref name="sql"/>, private to this test.</summary>
    public static async Task<Database> AttachMemoryDatabaseAsync(DatasetteInstance datasette, string name, string sql)
    {
        var database = new Database(DatabaseKind.NamedMemory, memoryName: "test_" + name + "_" + Guid.NewGuid().ToString("N"));
        await database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        });
        return datasette.AddDatabase(database, name);
    }

    public ValueTask DisposeAsync() => Datasette.DisposeAsync();
}
