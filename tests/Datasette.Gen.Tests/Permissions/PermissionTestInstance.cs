using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Tests.Infrastructure;
using DatasetteInstance = Datasette.Gen.Runtime.Datasette;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>
/// A Datasette instance (no web server) with in-memory databases built from SQL and a catalogued
/// internal database, for permission decisions and listings.
/// </summary>
public sealed class PermissionTestInstance : IAsyncDisposable
{
    private PermissionTestInstance(DatasetteInstance datasette) => Datasette = datasette;

    public DatasetteInstance Datasette { get; }

    public static async Task<PermissionTestInstance> CreateAsync(string yaml, DatasetteOptions? options = null, params (string Name, string Sql)[] databases)
    {
        TestSqlite.EnsureProvider();
        var internalDatabase = await InternalDatabase.OpenAsync(null);
        var datasette = new DatasetteInstance(Bind(yaml), internalDatabase, options);
        foreach (var (name, sql) in databases)
        {
            await TestInstance.AttachMemoryDatabaseAsync(datasette, name, sql);
        }
        await datasette.Internal.Queries.SaveConfigQueriesAsync(datasette.Config);
        await datasette.RefreshCatalogAsync(force: true);
        return new PermissionTestInstance(datasette);
    }

    public static DatasetteConfig Bind(string yaml) => TestInstance.Config(yaml);

    public static JsonObject? Actor(string? json) => json is null ? null : JsonNode.Parse(json)!.AsObject();

    public ValueTask DisposeAsync() => Datasette.DisposeAsync();
}
