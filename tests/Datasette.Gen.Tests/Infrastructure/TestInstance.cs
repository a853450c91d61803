using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
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

    /// <summary>Binds configuration written as YAML, failing the test on any error diagnostic.</summary>
    public static DatasetteConfig Config(string yaml)
    {
        var result = ConfigBinder.Bind(ConfigReader.Read("test.yaml", yaml), null);
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return result.Config;
    }

    public ValueTask DisposeAsync() => Datasette.DisposeAsync();
}
