using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Sql;

/// <summary>
/// SQL text with a NUL in it: SQLite stops reading at the NUL and Microsoft.Data.Sqlite used to
/// prepare the rest forever, one spinning thread per request. Every way SQL text reaches a command
/// must answer as Datasette does (Python's sqlite3 refuses such text with this message) and promptly.
/// </summary>
public sealed class NulCharacterTests
{
    private const string Message = "the query contains a null character";

    // YAML's "\0" escape puts a NUL into the stored queries' SQL.
    private const string Config = """
        databases:
          data:
            queries:
              nul_read:
                sql: "select name from names\0 where 1"
              nul_write:
                sql: "insert into names (name) values ('x');\0"
                write: true
        """;

    [Fact]
    public void Commands_refuse_sql_text_with_a_nul()
    {
        TestSqlite.EnsureProvider();
        using var connection = TestSqlite.Open("Data Source=:memory:");
        var refused = Assert.Throws<SqlErrorException>(() => connection.CreateCommand("select 1\0"));
        Assert.Equal(Message, refused.Message);
        using var command = connection.CreateCommand("select 1");
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Theory]
    [InlineData("select+1%00")]
    [InlineData("select+1%00%20")]
    [InlineData("select+1%3B%00")]
    [InlineData("select+%3Aa%00b&a=1")]
    [InlineData("select+name+from+names%00+where+1")]
    public async Task Arbitrary_sql_with_a_nul_answers_400_at_once(string sql)
    {
        var (file, server) = await StartAsync();
        using var _file = file;
        await using var _server = server;
        var response = await GetAsync(server, "/data/-/query.json?sql=" + sql);
        Assert.Equal(400, (int)response.StatusCode);
        // The query page's SQL error envelope, as Datasette's for "select blah" in the recorded corpus.
        Assert.Equal($$"""{"ok":false,"rows":[],"error":"{{Message}}","errors":["{{Message}}"],"status":400,"truncated":false}""",
            HttpJson.Compact(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_stored_query_with_a_nul_answers_400_and_the_server_keeps_answering()
    {
        var (file, server) = await StartAsync();
        using var _file = file;
        await using var _server = server;
        var response = await GetAsync(server, "/data/nul_read.json");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(Message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await GetAsync(server, "/data/names.json")).StatusCode);
    }

    [Fact]
    public async Task A_stored_write_query_with_a_nul_reports_the_error_and_writes_nothing()
    {
        var (file, server) = await StartAsync();
        using var _file = file;
        await using var _server = server;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/data/nul_write") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        post.Headers.Accept.ParseAdd("application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await server.Client.SendAsync(post, timeout.Token);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal($$"""{"ok":false,"error":"{{Message}}","errors":["{{Message}}"],"status":400,"redirect":null}""", HttpJson.Compact(await response.Content.ReadAsStringAsync()));
        var names = await server.Client.GetJsonAsync("/data/names.json?_shape=array");
        Assert.Equal(0, names.Json.GetArrayLength());
    }

    private static async Task<(TempDatabaseFile File, TestServer Server)> StartAsync()
    {
        var file = new TempDatabaseFile("create table names (id integer primary key, name text not null)", "data");
        var configPath = Path.Combine(file.Directory, "datasette.yaml");
        await File.WriteAllTextAsync(configPath, Config);
        var server = await TestServer.StartAsync(new ServeOptions { Files = new List<string> { file.Path }, ConfigFile = configPath });
        return (file, server);
    }

    // A hang is the defect: fail after a few seconds rather than wait for it.
    private static async Task<HttpResponseMessage> GetAsync(TestServer server, string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await server.Client.GetAsync(url, timeout.Token);
    }
}
