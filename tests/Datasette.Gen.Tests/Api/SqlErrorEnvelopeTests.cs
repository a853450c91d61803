using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using Datasette.Gen.Tests.ReadApi;

namespace Datasette.Gen.Tests.Api;

/// <summary>
/// A SQL error on each page family, as Datasette answers it: table and row pages raise
/// DatasetteError("Invalid SQL", 400), so their body is error_body alone (handle_exception.py);
/// the query page keeps the error as the page's own (views/database.py QueryView) and its JSON
/// renderer (renderer.py) adds it to <c>{"ok", "rows": [], …extras}</c> with <c>truncated</c>.
/// </summary>
public sealed class SqlErrorEnvelopeTests(SqlErrorEnvelopeTests.Instance instance) : IClassFixture<SqlErrorEnvelopeTests.Instance>
{
    private readonly TestServer _server = instance.Server;

    private const string Config = """
        databases:
          data:
            queries:
              bad_query: select nosuch from t
        """;

    // A view whose table is gone: SQLite fails on any use of it.
    private const string Schema = """
        create table t (id integer primary key, v text);
        insert into t values (1, 'a');
        create table gone (x);
        create view broken as select x from gone;
        drop table gone;
        """;

    /// <summary>One database with a broken view and a failing stored query, served for the class.</summary>
    public sealed class Instance : IAsyncLifetime
    {
        private readonly TempDatabaseFile _file = new(Schema, "data");

        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var configPath = Path.Combine(_file.Directory, "datasette.yaml");
            await File.WriteAllTextAsync(configPath, Config);
            Server = await TestServer.StartAsync(new ServeOptions { Files = new List<string> { _file.Path }, ConfigFile = configPath });
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            _file.Dispose();
        }
    }

    private static string QueryEnvelope(string message, string extras = "") =>
        $"{{\"ok\":false,\"rows\":[],{extras}\"error\":\"{message}\",\"errors\":[\"{message}\"],\"status\":400,\"truncated\":false}}";

    [Fact]
    public async Task Each_page_family_answers_a_sql_error_with_datasettes_envelope()
    {
        var cases = new (string Url, string Body)[]
        {
            ("/data/t.json?_where=nosuch=1", WhereClauseTests.Envelope(400, "no such column: nosuch")),
            ("/data/broken/1.json", WhereClauseTests.Envelope(400, "no such table: main.gone")),
            // Datasette: 500 with this message (table_columns runs outside its try); a broken database is no crash here
            ("/data/broken.json", WhereClauseTests.Envelope(400, "no such table: main.gone")),
            ("/data/t.csv?_where=nosuch=1", null!),
            ("/data/-/query.json?sql=select+nosuch+from+t", QueryEnvelope("no such column: nosuch")),
            ("/data/bad_query.json", QueryEnvelope("no such column: nosuch")),
        };
        foreach (var (url, body) in cases)
        {
            var response = await _server.Client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(400 == (int)response.StatusCode, $"{url}: {(int)response.StatusCode} {text}");
            if (body is null)
            {
                // not .json: the HTML error page titled "Invalid SQL"
                Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
                Assert.Contains("Invalid SQL", text);
                continue;
            }
            Assert.Equal(body, HttpJson.Compact(text));
        }
    }

    [Fact]
    public async Task The_query_page_error_keeps_requested_extras_and_ignores_the_shape()
    {
        foreach (var url in new[] { "/data/bad_query.json?_shape=array&_extra=columns,database", "/data/-/query.json?sql=select+nosuch+from+t&_shape=object&_extra=columns,database" })
        {
            var response = await _server.Client.GetJsonAsync(url);
            Assert.Equal(400, response.Status);
            Assert.Equal(QueryEnvelope("no such column: nosuch", "\"columns\":[],\"database\":\"data\","), HttpJson.Compact(response.Text));
        }
        // an unknown extra is still refused first
        var unknown = await _server.Client.GetJsonAsync("/data/bad_query.json?_extra=bogus");
        Assert.Equal(WhereClauseTests.Envelope(400, "Unknown _extra: bogus"), HttpJson.Compact(unknown.Text));
    }

    [Fact]
    public async Task The_html_query_page_shows_its_sql_error_with_status_200()
    {
        foreach (var url in new[] { "/data/bad_query", "/data/-/query?sql=select+nosuch+from+t" })
        {
            var response = await _server.Client.GetAsync(url);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Contains("no such column: nosuch", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("select+1;+select+2")]
    [InlineData("select+1;+order")]
    [InlineData("select+1;;")]
    public async Task More_than_one_statement_is_the_query_pages_own_error(string sql)
    {
        var response = await _server.Client.GetJsonAsync("/data/-/query.json?sql=" + sql);
        Assert.Equal(400, response.Status);
        Assert.Equal(QueryEnvelope("You can only execute one statement at a time."), HttpJson.Compact(response.Text));
    }

    [Theory]
    [InlineData("select+1;")]
    [InlineData("select+1;+--+done")]
    [InlineData("select+1;+/*+done+*/")]
    public async Task A_trailing_semicolon_or_comment_is_one_statement(string sql)
    {
        var response = await _server.Client.GetJsonAsync("/data/-/query.json?sql=" + sql);
        Assert.Equal(200, response.Status);
    }
}
