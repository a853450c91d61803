using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class WriteQueryTests
{
    private const string Config = """
        databases:
          data:
            queries:
              add_name:
                sql: insert into names (name) values (:name)
                write: true
              add_named:
                sql: insert into names (name) values (:name)
                write: true
                on_success_message_sql: select 'Added ' || :name
                on_success_redirect: /data/names?added
                on_error_message: That did not work
              names_query: select name from names
        """;

    private static async Task<(TempDatabaseFile File, TestServer Server, string ConfigPath)> StartAsync()
    {
        var file = new TempDatabaseFile("create table names (id integer primary key, name text not null unique)", "data");
        var configPath = Path.Combine(file.Directory, "datasette.yaml");
        await File.WriteAllTextAsync(configPath, Config);
        var server = await TestServer.StartAsync(new ServeOptions { Files = new List<string> { file.Path }, ConfigFile = configPath });
        return (file, server, configPath);
    }

    [Fact]
    public async Task Json_post_runs_the_write_query_and_reports_rows_affected()
    {
        var (file, server, _) = await StartAsync();
        using var _file = file;
        await using var _server = server;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/data/add_name") { Content = new StringContent("{\"name\": \"Cleo\"}", Encoding.UTF8, "application/json") };
        post.Headers.Accept.ParseAdd("application/json");
        var response = await server.Client.SendAsync(post);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{\"ok\":true,\"message\":\"Query executed, 1 row affected\",\"redirect\":null}", HttpJson.Compact(await response.Content.ReadAsStringAsync()));

        var names = await server.Client.GetJsonAsync("/data/names.json?_shape=array");
        Assert.Equal(new[] { "Cleo" }, names.Json.EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToArray());
    }

    [Fact]
    public async Task Form_post_flashes_the_message_and_redirects_and_errors_use_on_error_message()
    {
        var (file, server, _) = await StartAsync();
        using var _file = file;
        await using var _server = server;
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Pogo" });
        var response = await server.Client.PostAsync("/data/add_named", form);
        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/data/names?added", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ds_messages=", System.StringComparison.Ordinal));

        using var again = new HttpRequestMessage(HttpMethod.Post, "/data/add_named?_json=1") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Pogo" }) };
        var failed = await server.Client.SendAsync(again);
        Assert.Equal(400, (int)failed.StatusCode);
        var json = HttpJson.Compact(await failed.Content.ReadAsStringAsync());
        Assert.Equal("{\"ok\":false,\"error\":\"That did not work\",\"errors\":[\"That did not work\"],\"status\":400,\"redirect\":null}", json);
    }

    [Fact]
    public async Task Get_does_not_execute_and_posts_to_tables_or_read_queries_are_refused()
    {
        var (file, server, _) = await StartAsync();
        using var _file = file;
        await using var _server = server;
        var get = await server.Client.GetJsonAsync("/data/add_name.json?name=Ghost");
        Assert.Equal("{\"ok\":true,\"rows\":[],\"truncated\":false}", HttpJson.Compact(get.Json));
        var count = await server.Client.GetJsonAsync("/data/names.json?_extra=count&_size=0");
        Assert.Equal(0, count.Json.GetProperty("count").GetInt32());

        var table = await server.Client.PostAsync("/data/names", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(405, (int)table.StatusCode);
        var read = await server.Client.PostAsync("/data/names_query", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(405, (int)read.StatusCode);
    }
}
