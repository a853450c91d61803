using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Http;

/// <summary>
/// A function a plugin registers in prepare_connection is as good as random() unless the plugin
/// declares it deterministic: an answer whose SQL calls it gets no ETag (so no 304 and no cache).
/// </summary>
public sealed class PluginFunctionTagTests
{
    private static int _draws;

    private static PluginRegistry Plugins() => new PluginRegistry().AddPrepareConnection("functions", (connection, _, _) =>
    {
        connection.CreateFunction("lucky_number", () => Interlocked.Increment(ref _draws));
        connection.CreateFunction("twice", (long x) => x * 2, isDeterministic: true);
    });

    [Theory]
    [InlineData("/data/-/query.json?sql=select+lucky_number()+as+n")]
    [InlineData("/data/-/query.json?sql=select+LUCKY_NUMBER()+as+n")]
    [InlineData("/data/people.json?_where=lucky_number()+>+0")]
    [InlineData("/data/lucky.json")]
    public async Task An_answer_that_calls_an_undeclared_plugin_function_gets_no_etag(string path)
    {
        await using var instance = await PluginApiInstance.CreateAsync(
            plugins: Plugins(),
            databases: ("data", PluginApiInstance.Sql + "\nCREATE VIEW lucky AS SELECT lucky_number() AS n;"));
        for (var i = 0; i < 2; i++)
        {
            // The second run reuses the prepared statement, which SQLite does not authorize again.
            var response = await instance.Datasette.Client.GetAsync(path);
            Assert.Equal(200, response.Status);
            Assert.Null(response.Header("ETag"));
        }
    }

    [Fact]
    public async Task A_plugin_function_declared_deterministic_keeps_the_etag()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Plugins());
        var response = await instance.Datasette.Client.GetAsync("/data/-/query.json?sql=select+twice(21)+as+n");
        Assert.Equal(200, response.Status);
        Assert.Contains("42", response.Text);
        Assert.NotNull(response.Header("ETag"));
    }
}
