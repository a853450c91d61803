using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Http;

/// <summary>
/// Names with a quote, CR/LF, a semicolon and non-ASCII (database file, table, column, stored
/// query) reach every header built from them — Content-Disposition, Link, Location — through a
/// real Kestrel, which answers 500 for a header value it cannot send.
/// </summary>
public sealed class HostileNameHeaderTests : IAsyncLifetime
{
    private const string Table = "t \"1\"; é\r\nX-Injected: yes";
    private const string Column = "c \"2\"; ü\r\nX-Injected: yes";
    private const string Query = "q \"3\"; ß"; // the configuration refuses newlines in stored query names
    private const string Stem = "db \"4\"; ø\r\nX-Injected: yes";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "datasette-gen-tests-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;

    private string DatabasePath => Path.Combine(_directory, Stem + ".db");

    private static string DatabaseUrl => "/" + TildeEncoding.Encode(Stem);

    private static string TableUrl => DatabaseUrl + "/" + TildeEncoding.Encode(Table);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        using (var connection = TestSqlite.Open(DatabasePath))
        {
            TestSqlite.Execute(connection, $"create table {Quote(Table)} (id integer primary key, {Quote(Column)} text, data blob); "
                + $"insert into {Quote(Table)} values (1, 'a', x'01'), (2, 'b', x'02')");
        }
        var config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, new JsonObject
        {
            ["databases"] = new JsonObject
            {
                [Stem] = new JsonObject { ["queries"] = new JsonObject { [Query] = "select 1 as one" } },
                ["writable"] = new JsonObject
                {
                    ["queries"] = new JsonObject
                    {
                        ["log_it"] = new JsonObject { ["sql"] = "insert into log values (1)", ["write"] = true, ["on_success_redirect"] = "/done/é\r\nX-Injected: yes" },
                    },
                },
            },
        }.ToJsonString());
        using (var connection = TestSqlite.Open(Path.Combine(_directory, "writable.db")))
        {
            TestSqlite.Execute(connection, "create table log (n integer)");
        }
        _server = await TestServer.StartAsync(new ServeOptions
        {
            ImmutableFiles = new List<string> { DatabasePath },
            Files = new List<string> { Path.Combine(_directory, "writable.db") },
            ConfigFile = config,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Table_csv_download_names_the_table_in_filename_star_and_injects_nothing()
    {
        var response = await GetAsync(TableUrl + ".csv?_dl=1");
        Assert.Equal(
            "attachment; filename=\"t _1__ ___X-Injected: yes.csv\"; filename*=UTF-8''t%20%221%22%3B%20%C3%A9%0D%0AX-Injected%3A%20yes.csv",
            Disposition(response));
        Assert.Equal(Table + ".csv", FileNameStar(response));
    }

    [Fact]
    public async Task Stored_query_and_database_query_csv_downloads_name_the_query_and_the_database()
    {
        var stored = await GetAsync(DatabaseUrl + "/" + TildeEncoding.Encode(Query) + ".csv?_dl=1");
        Assert.Equal(Query + ".csv", FileNameStar(stored));
        var sql = await GetAsync(DatabaseUrl + "/-/query.csv?sql=select+1&_dl=1");
        Assert.Equal(Stem + ".csv", FileNameStar(sql));
    }

    [Fact]
    public async Task Database_file_download_names_the_file()
    {
        var response = await GetAsync(DatabaseUrl + ".db");
        Assert.Equal(Stem + ".db", FileNameStar(response));
    }

    [Fact]
    public async Task Blob_download_has_a_sendable_filename()
    {
        var response = await GetAsync(TableUrl + "/1.blob?_blob_column=data");
        Assert.EndsWith(".blob", response.Content.Headers.ContentDisposition!.FileName ?? FileNameStar(response));
        Assert.Equal(new byte[] { 1 }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Link_next_header_sorted_by_a_hostile_column_is_the_next_url()
    {
        var response = await GetAsync(TableUrl + ".json?_size=1&_sort=" + Uri.EscapeDataString(Column));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var next = json.RootElement.GetProperty("next_url").GetString()!;
        Assert.Equal($"<{next}>; rel=\"next\"", response.Headers.GetValues("Link").Single());
        var page2 = await GetAsync(next);
        using var json2 = JsonDocument.Parse(await page2.Content.ReadAsStringAsync());
        Assert.Equal("b", json2.RootElement.GetProperty("rows")[0].GetProperty(Column).GetString());
    }

    [Fact]
    public async Task Filter_redirect_location_from_a_hostile_column_and_value_is_sendable()
    {
        var response = await _server.Client.GetAsync(TableUrl + "?_filter_column=" + Uri.EscapeDataString(Column) + "&_filter_op=exact&_filter_value=" + Uri.EscapeDataString("é\"\r\nX-Injected: yes"));
        Assert.Equal(302, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("X-Injected"));
        var location = response.Headers.Location!.OriginalString;
        Assert.All(location, c => Assert.InRange(c, '!', '~'));
        Assert.StartsWith(TableUrl + "?", location);
    }

    [Fact]
    public async Task Write_query_redirect_configured_with_non_ascii_and_cr_lf_is_sendable()
    {
        // Kestrel refuses raw non-ASCII request targets, so a Location's hostile text comes from configuration or plugins.
        using var post = new HttpRequestMessage(HttpMethod.Post, "/writable/log_it") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        var response = await _server.Client.SendAsync(post);
        Assert.Equal(302, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.Equal("/done/%C3%A9%0D%0AX-Injected:%20yes", response.Headers.Location!.OriginalString);
    }

    private async Task<HttpResponseMessage> GetAsync(string url)
    {
        var response = await _server.Client.GetAsync(url);
        Assert.True((int)response.StatusCode == 200, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.False(response.Headers.Contains("X-Injected"));
        Assert.False(response.Content.Headers.Contains("X-Injected"));
        return response;
    }

    private static string Disposition(HttpResponseMessage response) => response.Content.Headers.GetValues("Content-Disposition").Single();

    /// <summary>The exact name from filename*, the one parameter that can carry it.</summary>
    private static string FileNameStar(HttpResponseMessage response)
    {
        var parsed = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", parsed.DispositionType);
        Assert.Equal(2, parsed.Parameters.Count);
        return Uri.UnescapeDataString(parsed.Parameters.Single(p => p.Name == "filename*").Value!["UTF-8''".Length..]);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
