using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.Infrastructure;
using DatasetteInstance = Datasette.Gen.Runtime.Datasette;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>
/// A started Datasette instance without a web server (requests go through <see cref="DatasetteInstance.Client"/>):
/// configuration from YAML, optional plugins, and named in-memory databases built from SQL.
/// </summary>
public sealed class PluginApiInstance : IAsyncDisposable
{
    public const string Sql = """
        CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, homepage VARCHAR(200), age INTEGER, notes);
        INSERT INTO people VALUES (1, 'Ada', 'ada@example.com', 'https://ada.example', 36, NULL);
        INSERT INTO people VALUES (2, 'Bob', 'bob', 'ftp://bob', 41, 'x');
        CREATE TABLE pairs (a TEXT, b TEXT, v TEXT, PRIMARY KEY (a, b));
        INSERT INTO pairs VALUES ('x,y', 'z', 'first'), ('1', '2', 'second');
        CREATE TABLE plain (t TEXT);
        INSERT INTO plain VALUES ('rowid one');
        CREATE VIEW adults AS SELECT * FROM people WHERE age >= 18;
        """;

    private PluginApiInstance(DatasetteInstance datasette) => Datasette = datasette;

    public DatasetteInstance Datasette { get; }

    public static async Task<PluginApiInstance> CreateAsync(string yaml = "{}", PluginRegistry? plugins = null, DatasetteOptions? options = null, bool start = true, params (string Name, string Sql)[] databases)
    {
        TestSqlite.EnsureProvider();
        var internalDatabase = await InternalDatabase.OpenAsync(null);
        options ??= new DatasetteOptions();
        var datasette = new DatasetteInstance(Bind(yaml, options.Actions), internalDatabase, options with { Plugins = plugins });
        foreach (var (name, sql) in databases.Length == 0 ? new[] { ("data", Sql) } : databases)
        {
            await TestInstance.AttachMemoryDatabaseAsync(datasette, name, sql);
        }
        if (start)
        {
            await datasette.InvokeStartupAsync();
        }
        return new PluginApiInstance(datasette);
    }

    public static JsonObject Actor(string id) => new() { ["id"] = id };

    /// <summary>Binds YAML configuration that may name the given (plugin) actions, failing the test on any error.</summary>
    public static DatasetteConfig Bind(string yaml, IEnumerable<ActionDefinition>? actions = null) =>
        TestInstance.Config(yaml, actions?.Select(a => a.Name).ToList());

    public ValueTask DisposeAsync() => Datasette.DisposeAsync();
}
