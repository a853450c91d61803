using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// The editing interface's server side (html-ui.md §4, §10): the page data that offers each dialog
/// only to an actor who may use it, the row buttons, <c>/-/fragment</c> and <c>/-/debug/autocomplete</c>.
/// </summary>
public sealed class TableEditingTests
{
    private const string Sql = """
        CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO owners VALUES (1, 'Ada'), (2, 'Bob');
        CREATE TABLE secret_owners (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT 'Untitled', score REAL, owner_id INTEGER REFERENCES owners(id), other_id INTEGER REFERENCES secret_owners(id));
        INSERT INTO docs VALUES (1, 'One', 1.5, 1, NULL), (2, 'Two <b>', NULL, 2, NULL);
        CREATE TABLE pairs (a TEXT, b TEXT, v TEXT, PRIMARY KEY (a, b));
        INSERT INTO pairs VALUES ('x,y', 'z', 'first'), ('1', '2', 'second');
        CREATE TABLE plain (t TEXT);
        INSERT INTO plain VALUES ('rowid one'), ('rowid two');
        CREATE VIEW docs_view AS SELECT * FROM docs;
        """;

    // editor may insert and update docs; nobody but root sees secret_owners.
    private const string Config = """
        databases:
          data:
            tables:
              secret_owners:
                allow:
                  id: root
              docs:
                permissions:
                  insert-row:
                    id: editor
                  update-row:
                    id: editor
        """;

    private static Task<PluginApiInstance> CreateAsync() =>
        PluginApiInstance.CreateAsync(Config, null, new Runtime.DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", Sql));

    private static async Task<JsonElement> PageDataAsync(PluginApiInstance instance, string path, JsonObject? actor)
    {
        var response = await instance.Datasette.Client.GetAsync(path, actor: actor);
        Assert.True(response.Status == 200, response.Text);
        var match = Regex.Match(response.Text, "<script type=\"application/json\" id=\"datasette-page-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, "no page data in " + path);
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    [Fact]
    public async Task Anonymous_actors_get_no_editing_data_and_no_row_buttons()
    {
        await using var instance = await CreateAsync();
        var data = await PageDataAsync(instance, "/data/docs", null);
        Assert.False(data.TryGetProperty("insertRow", out _));
        Assert.False(data.TryGetProperty("alterTable", out _));
        Assert.False(data.TryGetProperty("editColumns", out _));
        var html = (await instance.Datasette.Client.GetAsync("/data/docs")).Text;
        Assert.DoesNotContain("data-row-action", html);
        // Autocomplete is reading: it is offered for the visible table only.
        Assert.Equal("/data/owners/-/autocomplete", data.GetProperty("foreignKeys").GetProperty("owner_id").GetString());
        Assert.False(data.GetProperty("foreignKeys").TryGetProperty("other_id", out _));
    }

    [Fact]
    public async Task An_actor_allowed_to_insert_and_update_gets_those_and_nothing_more()
    {
        await using var instance = await CreateAsync();
        var data = await PageDataAsync(instance, "/data/docs", PluginApiInstance.Actor("editor"));
        var insert = data.GetProperty("insertRow");
        Assert.Equal("/data/docs/-/insert", insert.GetProperty("path").GetString());
        Assert.Equal("/data/docs/-/upsert", insert.GetProperty("upsertPath").GetString());
        Assert.Equal(100, insert.GetProperty("maxInsertRows").GetInt32());
        // The INTEGER primary key is SQLite's to number: not a field of the single-row form.
        Assert.Equal(new[] { "title", "score", "owner_id", "other_id" }, insert.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var title = insert.GetProperty("columns")[0];
        Assert.True(title.GetProperty("notnull").GetBoolean());
        Assert.Equal("'Untitled'", title.GetProperty("default").GetString());
        Assert.Equal("number", insert.GetProperty("columns")[1].GetProperty("value_kind").GetString());
        Assert.Equal(5, insert.GetProperty("bulkColumns").GetArrayLength());
        Assert.Equal(5, data.GetProperty("editColumns").GetArrayLength());
        Assert.False(data.TryGetProperty("alterTable", out _));
        var html = (await instance.Datasette.Client.GetAsync("/data/docs", actor: PluginApiInstance.Actor("editor"))).Text;
        Assert.Contains("aria-label=\"Edit row 1\"", html);
        Assert.DoesNotContain("data-row-action=\"delete\"", html);
        // Only docs was granted.
        var owners = await PageDataAsync(instance, "/data/owners", PluginApiInstance.Actor("editor"));
        Assert.False(owners.TryGetProperty("insertRow", out _));
    }

    [Fact]
    public async Task Root_gets_every_dialog_and_the_database_page_offers_create_table()
    {
        await using var instance = await CreateAsync();
        var root = PluginApiInstance.Actor("root");
        var data = await PageDataAsync(instance, "/data/docs", root);
        // The table's own insert-row block (editor only) is more specific than root's global allow.
        Assert.False(data.TryGetProperty("insertRow", out _));
        Assert.True((await PageDataAsync(instance, "/data/owners", root)).TryGetProperty("insertRow", out _));
        var alter = data.GetProperty("alterTable");
        Assert.Equal("/data/docs/-/alter", alter.GetProperty("path").GetString());
        Assert.Equal("/data/docs/-/drop", alter.GetProperty("dropPath").GetString());
        Assert.Equal(new[] { "integer", "text", "float", "integer", "integer" }, alter.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.Equal("/data/secret_owners/-/autocomplete", data.GetProperty("foreignKeys").GetProperty("other_id").GetString());
        var html = (await instance.Datasette.Client.GetAsync("/data/docs", actor: root)).Text;
        Assert.Contains("data-row-action=\"delete\"", html);
        // A view is never editable.
        var view = await PageDataAsync(instance, "/data/docs_view", root);
        Assert.False(view.TryGetProperty("insertRow", out _));
        Assert.False(view.TryGetProperty("alterTable", out _));

        var database = await PageDataAsync(instance, "/data", root);
        Assert.Equal("/data/-/create", database.GetProperty("createTable").GetProperty("path").GetString());
        Assert.True(database.GetProperty("createTable").GetProperty("canInsertRows").GetBoolean());
        var anonymous = await PageDataAsync(instance, "/data", null);
        Assert.False(anonymous.TryGetProperty("createTable", out _));
    }

    [Fact]
    public async Task The_fragment_is_the_pages_rows_table_and_row_narrows_it_to_one_row()
    {
        await using var instance = await CreateAsync();
        var root = PluginApiInstance.Actor("root");
        var page = (await instance.Datasette.Client.GetAsync("/data/docs", actor: root)).Text;
        var whole = await instance.Datasette.Client.GetAsync("/data/docs/-/fragment", actor: root);
        Assert.Equal(200, whole.Status);
        Assert.Equal("text/html; charset=utf-8", whole.ContentType);
        Assert.StartsWith("<div class=\"table-wrapper\">", whole.Text.TrimStart());
        Assert.DoesNotContain("<html", whole.Text);
        // Same cells as the page: labels expanded, text escaped, row buttons for this actor.
        Assert.Contains(Table(whole.Text), page);
        Assert.Contains("Ada", whole.Text);
        Assert.Contains("Two &lt;b&gt;", whole.Text);

        // Filters on the key give way to _row; others still apply.
        var one = (await instance.Datasette.Client.GetAsync("/data/docs/-/fragment?_row=2&id=1&_sort=title", actor: root)).Text;
        Assert.Single(Regex.Matches(one, "<tr data-row="));
        Assert.Contains("<tr data-row=\"2\">", one);
        Assert.Contains("aria-label=\"Delete row 2\"", one);
        Assert.Contains("0 records", (await instance.Datasette.Client.GetAsync("/data/docs/-/fragment?_row=2&title=One")).Text);
        var compound = (await instance.Datasette.Client.GetAsync("/data/pairs/-/fragment?_row=x~2Cy,z")).Text;
        Assert.Contains("<tr data-row=\"x~2Cy,z\">", compound);
        Assert.Single(Regex.Matches(compound, "<tr data-row="));
        var rowid = (await instance.Datasette.Client.GetAsync("/data/plain/-/fragment?_row=2")).Text;
        Assert.Contains("rowid two", rowid);
        Assert.DoesNotContain("rowid one", rowid);
        var missing = (await instance.Datasette.Client.GetAsync("/data/docs/-/fragment?_row=99")).Text;
        Assert.Contains("0 records", missing);
    }

    private static string Table(string fragment) =>
        fragment[fragment.IndexOf("<table", StringComparison.Ordinal)..(fragment.IndexOf("</table>", StringComparison.Ordinal) + 8)];

    [Theory]
    [InlineData("/data/docs/-/fragment?_row=1,2", 400, "_row does not match the primary key for this table")]
    [InlineData("/data/pairs/-/fragment?_row=x", 400, "_row does not match the primary key for this table")]
    [InlineData("/data/docs_view/-/fragment?_row=1", 400, "_row is not supported for views")]
    [InlineData("/data/nope/-/fragment", 404, "Table not found")]
    [InlineData("/nope/docs/-/fragment", 404, "Database not found")]
    [InlineData("/data/secret_owners/-/fragment", 403, "")]
    public async Task Fragment_refusals_are_datasette_errors(string path, int status, string message)
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.GetAsync(path);
        Assert.Equal(status, response.Status);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), response.Text);
    }

    [Fact]
    public async Task The_autocomplete_tester_reports_problems_inline_and_suggests_labelled_tables()
    {
        await using var instance = await CreateAsync();
        var client = instance.Datasette.Client;
        var suggestions = (await client.GetAsync("/-/debug/autocomplete")).Text;
        Assert.Contains("<a href=\"/-/debug/autocomplete?database=data&amp;table=owners\">owners</a>", suggestions);
        Assert.DoesNotContain(">secret_owners<", suggestions);
        Assert.Matches("Scanned \\d+ tables\\.", suggestions);
        Assert.Contains("Both database and table are required.", (await client.GetAsync("/-/debug/autocomplete?database=data")).Text);
        Assert.Contains("Database not found.", (await client.GetAsync("/-/debug/autocomplete?database=no&table=owners")).Text);
        Assert.Contains("Table not found.", (await client.GetAsync("/-/debug/autocomplete?database=data&table=docs_view")).Text);
        var widget = (await client.GetAsync("/-/debug/autocomplete?database=data&table=owners")).Text;
        Assert.Contains("data-autocomplete-url=\"/data/owners/-/autocomplete\"", widget);
        Assert.Contains("Label column: <code>name</code>", widget);
        FormAssert.EveryControlLabelled(widget);
        Assert.Equal(403, (await client.GetAsync("/-/debug/autocomplete?database=data&table=secret_owners")).Status);
    }
}
