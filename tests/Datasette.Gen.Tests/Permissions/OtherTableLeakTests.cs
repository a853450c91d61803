using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Client;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>
/// Answers that read a table other than the one whose permission the page checked: a table an
/// allow block hides from anonymous must neither shape nor show up in them, while the actor the
/// block admits still gets the full answer.
/// </summary>
public sealed class OtherTableLeakTests : IAsyncLifetime
{
    // books is public; authors is public; secret_authors, loans and docs_fts are staff-only.
    // editor_id spells its target in another case, as SQLite allows.
    private const string Sql = """
        create table authors (id integer primary key, name text);
        create table secret_authors (id integer primary key, name text);
        create table books (id integer primary key, title text,
            author_id integer references secret_authors(id),
            editor_id integer references SECRET_AUTHORS(id),
            public_author integer references authors(id));
        create index books_by_title on books(title);
        create table loans (id integer primary key, book_id integer references books(id), borrower text);
        create index loans_by_borrower on loans(borrower);
        create table docs (id integer primary key, body text);
        create virtual table docs_fts using fts5(body, content="docs");
        insert into authors values (1, 'Public Penny');
        insert into secret_authors values (1, 'Hidden Hana'), (2, 'Covert Carl');
        insert into books values (1, 'Alpha', 1, 2, 1), (2, 'Beta', 2, 1, 1), (3, 'Gamma', 2, 2, 1);
        insert into loans values (1, 1, 'alice'), (2, 1, 'bob'), (3, 3, 'alice');
        insert into docs values (1, 'apple pie'), (2, 'banana bread');
        insert into docs_fts (rowid, body) select id, body from docs;
        """;

    private const string Yaml = """
        databases:
          data:
            tables:
              secret_authors:
                allow:
                  id: staff
              loans:
                allow:
                  id: staff
              docs_fts:
                allow:
                  id: staff
        """;

    private static readonly JsonObject Staff = new() { ["id"] = "staff" };

    private PermissionTestInstance _instance = null!;

    public async Task InitializeAsync() => _instance = await CreateAsync(Yaml, null, ("data", Sql));

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    private Task<ClientResponse> Anonymous(string path) => _instance.Datasette.Client.GetAsync(path);

    private Task<ClientResponse> AsStaff(string path) => _instance.Datasette.Client.GetAsync(path, actor: Staff.DeepClone().AsObject());

    private static string Through(string table) =>
        Uri.EscapeDataString($$"""{"table":"{{table}}","column":"borrower","value":"alice"}""");

    private static int[] Ids(ClientResponse response) =>
        response.Json()!["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()).ToArray();

    [Fact]
    public async Task Through_a_hidden_table_answers_as_through_a_missing_one()
    {
        var missing = await Anonymous($"/data/books.json?_through={Through("nothere")}");
        var hidden = await Anonymous($"/data/books.json?_through={Through("loans")}");
        var hiddenOtherCase = await Anonymous($"/data/books.json?_through={Through("LOANS")}");
        var staff = await AsStaff($"/data/books.json?_through={Through("loans")}");

        Assert.Equal(400, missing.Status);
        Assert.Contains("Invalid _through - could not find corresponding foreign key", missing.Text, StringComparison.Ordinal);
        Assert.Equal(missing.Text, hidden.Text);
        Assert.Equal(missing.Text, hiddenOtherCase.Text);
        Assert.Equal(200, staff.Status);
        Assert.Equal(new[] { 1, 3 }, Ids(staff));
    }

    [Fact]
    public async Task A_token_restricted_to_one_table_cannot_reach_another_through_it()
    {
        // staff may view loans, but this token of staff's is restricted to books.
        var restricted = JsonNode.Parse("""{"id": "staff", "_r": {"r": {"data": {"books": ["vt"]}}}}""")!.AsObject();

        var through = await _instance.Datasette.Client.GetAsync($"/data/books.json?_through={Through("loans")}", actor: restricted);
        var counts = await _instance.Datasette.Client.GetAsync("/data/books/1.json?_extra=foreign_key_tables", actor: restricted.DeepClone().AsObject());

        Assert.Equal(400, through.Status);
        Assert.Contains("could not find corresponding foreign key", through.Text, StringComparison.Ordinal);
        Assert.Equal("[]", counts.Json()!["foreign_key_tables"]!.ToJsonString());
    }

    [Fact]
    public async Task Labels_from_a_hidden_table_are_not_shown_and_the_value_stays_raw()
    {
        var anonymous = (await Anonymous("/data/books.json?_labels=on&_shape=array")).Json()!.AsArray();
        var only = (await Anonymous("/data/books.json?_label=author_id&_shape=array")).Json()!.AsArray();
        var staff = (await AsStaff("/data/books.json?_labels=on&_shape=array")).Json()!.AsArray();

        Assert.Equal(1, anonymous[0]!["author_id"]!.GetValue<int>());
        Assert.Equal(2, anonymous[0]!["editor_id"]!.GetValue<int>());
        Assert.Equal("""{"value":1,"label":"Public Penny"}""", anonymous[0]!["public_author"]!.ToJsonString());
        Assert.Equal(1, only[0]!["author_id"]!.GetValue<int>());
        Assert.Equal("""{"value":1,"label":"Hidden Hana"}""", staff[0]!["author_id"]!.ToJsonString());
        Assert.Equal("""{"value":2,"label":"Covert Carl"}""", staff[0]!["editor_id"]!.ToJsonString());
    }

    [Fact]
    public async Task Csv_labels_from_a_hidden_table_are_not_added()
    {
        var anonymous = await Anonymous("/data/books.csv?_labels=on");
        var staff = await AsStaff("/data/books.csv?_labels=on");

        Assert.StartsWith("id,title,author_id,editor_id,public_author,public_author_label\r\n", anonymous.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Hana", anonymous.Text, StringComparison.Ordinal);
        Assert.Contains("Hidden Hana", staff.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facet_labels_from_a_hidden_table_are_the_raw_values()
    {
        var anonymous = (await Anonymous("/data/books.json?_facet=author_id")).Json()!;
        var staff = (await AsStaff("/data/books.json?_facet=author_id")).Json()!;

        var hiddenLabels = anonymous["facet_results"]!["results"]!["author_id"]!["results"]!.AsArray().Select(v => v!["label"]!.ToJsonString());
        var staffLabels = staff["facet_results"]!["results"]!["author_id"]!["results"]!.AsArray().Select(v => v!["label"]!.ToJsonString());
        Assert.Equal(new[] { "2", "1" }, hiddenLabels);
        Assert.Equal(new[] { "\"Covert Carl\"", "\"Hidden Hana\"" }, staffLabels);
    }

    [Fact]
    public async Task Expandable_columns_do_not_name_a_hidden_tables_label_column()
    {
        var anonymous = (await Anonymous("/data/books.json?_extra=expandable_columns")).Json()!["expandable_columns"]!.AsArray();
        var staff = (await AsStaff("/data/books.json?_extra=expandable_columns")).Json()!["expandable_columns"]!.AsArray();

        string? LabelColumn(JsonArray columns, string column) =>
            columns.Single(c => c![0]!["column"]!.GetValue<string>() == column)![1]?.GetValue<string>();
        Assert.Null(LabelColumn(anonymous, "author_id"));
        Assert.Null(LabelColumn(anonymous, "editor_id"));
        Assert.Equal("name", LabelColumn(anonymous, "public_author"));
        Assert.Equal("name", LabelColumn(staff, "author_id"));
        Assert.Equal("name", LabelColumn(staff, "editor_id"));
    }

    [Fact]
    public async Task Related_row_counts_leave_out_a_hidden_referencing_table()
    {
        var anonymous = (await Anonymous("/data/books/1.json?_extra=foreign_key_tables")).Json()!["foreign_key_tables"]!.AsArray();
        var staff = (await AsStaff("/data/books/1.json?_extra=foreign_key_tables")).Json()!["foreign_key_tables"]!.AsArray();

        Assert.Empty(anonymous);
        Assert.Equal("""[{"other_table":"loans","column":"id","other_column":"book_id","count":2,"link":"/data/loans?book_id=1"}]""", staff.ToJsonString());
    }

    [Fact]
    public async Task A_hidden_fts_table_is_not_searched_named_or_described()
    {
        var detected = await Anonymous("/data/docs.json?_search=apple");
        var column = await Anonymous("/data/docs.json?_search_body=apple");
        var named = await Anonymous("/data/books.json?_fts_table=docs_fts&_fts_pk=id&_search=apple");
        var missing = await Anonymous("/data/books.json?_fts_table=nothere&_fts_pk=id&_search=apple");
        var staffDetected = await AsStaff("/data/docs.json?_search=apple");
        var staffNamed = await AsStaff("/data/books.json?_fts_table=docs_fts&_fts_pk=id&_search=apple");

        // As for a table without an FTS table, search arguments are ignored.
        Assert.Equal(new[] { 1, 2 }, Ids(detected));
        Assert.Equal(new[] { 1, 2 }, Ids(column));
        Assert.Equal(400, missing.Status);
        Assert.Contains("no such table: nothere", missing.Text, StringComparison.Ordinal);
        Assert.Equal(missing.Text.Replace("nothere", "docs_fts", StringComparison.Ordinal), named.Text);
        Assert.Equal(new[] { 1 }, Ids(staffDetected));
        Assert.Equal(new[] { 1 }, Ids(staffNamed));

        var anonymousDatabase = (await Anonymous("/data.json")).Json()!["tables"]!.AsArray();
        var staffDatabase = (await AsStaff("/data.json")).Json()!["tables"]!.AsArray();
        Assert.Null(anonymousDatabase.Single(t => t!["name"]!.GetValue<string>() == "docs")!["fts_table"]);
        Assert.Equal("docs_fts", staffDatabase.Single(t => t!["name"]!.GetValue<string>() == "docs")!["fts_table"]!.GetValue<string>());

        var anonymousApi = (await Anonymous("/-/openapi.json")).Json()!["paths"]!["/data/docs.json"]!.ToJsonString();
        var staffApi = (await AsStaff("/-/openapi.json")).Json()!["paths"]!["/data/docs.json"]!.ToJsonString();
        Assert.DoesNotContain("_search", anonymousApi, StringComparison.Ordinal);
        Assert.Contains("_search", staffApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_page_does_not_name_hidden_tables_referencing_a_visible_one()
    {
        static JsonNode Books(JsonNode database) =>
            database["tables"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "books")!;
        var anonymous = Books((await Anonymous("/data.json")).Json()!);
        var staff = Books((await AsStaff("/data.json")).Json()!);

        Assert.Equal("[]", anonymous["foreign_keys"]!["incoming"]!.ToJsonString());
        Assert.Equal("""[{"other_table":"loans","column":"id","other_column":"book_id"}]""", staff["foreign_keys"]!["incoming"]!.ToJsonString());
        // Outgoing keys are books' own definition, shown to whoever may see books.
        Assert.Equal(3, anonymous["foreign_keys"]!["outgoing"]!.AsArray().Count);
    }

    [Fact]
    public async Task Schema_pages_leave_out_hidden_tables_and_their_indexes()
    {
        foreach (var path in new[] { "/data/-/schema.json", "/-/schema.json", "/data/-/schema.md" })
        {
            var anonymous = (await Anonymous(path)).Text;
            var staff = (await AsStaff(path)).Text;

            Assert.Contains("CREATE TABLE books", anonymous, StringComparison.Ordinal);
            Assert.Contains("books_by_title", anonymous, StringComparison.Ordinal);
            foreach (var hidden in new[] { "CREATE TABLE loans", "loans_by_borrower", "CREATE TABLE secret_authors", "CREATE VIRTUAL TABLE docs_fts" })
            {
                Assert.DoesNotContain(hidden, anonymous, StringComparison.Ordinal);
                Assert.Contains(hidden, staff, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Jump_lists_hidden_tables_only_to_those_who_may_see_them()
    {
        var anonymous = (await Anonymous("/-/jump.json?q=loans")).Json()!["matches"]!.AsArray();
        var staff = (await AsStaff("/-/jump.json?q=loans")).Json()!["matches"]!.AsArray();

        Assert.Empty(anonymous);
        Assert.Equal("data: loans", staff.Single()!["name"]!.GetValue<string>());
    }
}
