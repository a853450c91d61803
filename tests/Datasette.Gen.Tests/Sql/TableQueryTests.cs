using System.Collections.Generic;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Tables;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Sql;

/// <summary>read-api.md §4.2 and §5: the SQL a table request becomes.</summary>
public sealed class TableQueryTests
{
    private const string Schema = """
        create table t (pk1 text, pk2 text, content text, s real, primary key (pk1, pk2));
        create table r (x text, y integer);
        create view v as select * from t;
        create table "select" (id integer primary key, "order" text);
        """;

    private const string TwoKeys = "((\"pk1\" > :p0) or (\"pk1\" = :p0 and \"pk2\" > :p1))";

    private static async Task<TableQuery> BuildAsync(string target, string table = "t", string? configYaml = null)
    {
        using var file = new TempDatabaseFile(Schema);
        await using var instance = await TestInstance.CreateAsync(configYaml is null ? null : TestInstance.Config(configYaml));
        var database = instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        var info = database.Schema.Find(table)!;
        return TableQuery.Build(await TablePage.QueryContextAsync(TestRequests.Get(target, instance.Datasette), instance.Datasette, database.Name, table), database, info, instance.Datasette.Config.Table(database.Name, table));
    }

    private static async Task<DatasetteHttpException> BadRequestAsync(string target, string table = "t", string? configYaml = null)
    {
        var error = await Assert.ThrowsAsync<DatasetteHttpException>(() => BuildAsync(target, table, configYaml));
        Assert.Equal(400, error.Status);
        return error;
    }

    [Fact]
    public async Task Default_query_orders_by_the_primary_keys_and_fetches_one_extra_row()
    {
        var query = await BuildAsync("/test/t.json");
        Assert.Equal("select pk1, pk2, content, s from t order by pk1, pk2 limit 101", query.PageSql);
        Assert.Equal("select count(*) from t", query.CountSql);
        Assert.Empty(query.Parameters);
        Assert.Null(query.SortColumn);
    }

    [Fact]
    public async Task Sort_orders_by_the_sort_column_then_the_primary_keys()
    {
        var query = await BuildAsync("/test/t.json?_sort=s&_size=7");
        Assert.Equal("select pk1, pk2, content, s from t order by s, pk1, pk2 limit 8", query.PageSql);
        Assert.Equal("s", query.SortColumn);
        Assert.False(query.SortDescending);
        Assert.True(query.SortFromRequest);
    }

    [Fact]
    public async Task Sort_desc_with_a_next_token_adds_the_descending_keyset_predicate()
    {
        var query = await BuildAsync("/test/t.json?_sort_desc=s&_size=7&_next=0~2E5,a,b");
        Assert.Equal(
            $"select pk1, pk2, content, s from t where (\"s\" < :p2 or \"s\" is null or (\"s\" = :p2 and {TwoKeys})) order by s desc, pk1, pk2 limit 8",
            query.PageSql);
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = "a", ["p1"] = "b", ["p2"] = 0.5 }, query.Parameters); // s is REAL: the token reads back as a number
        Assert.True(query.SortDescending);
    }

    [Fact]
    public async Task Sort_ascending_after_a_null_token_continues_past_the_nulls()
    {
        var query = await BuildAsync("/test/t.json?_sort=s&_next=%24null%2Ca%2Cb");
        Assert.Equal(
            $"select pk1, pk2, content, s from t where (\"s\" is not null or (\"s\" is null and {TwoKeys})) order by s, pk1, pk2 limit 101",
            query.PageSql);
    }

    [Fact]
    public async Task Filters_come_before_the_pagination_clause_which_the_count_leaves_out()
    {
        var query = await BuildAsync("/test/t.json?content__contains=x&_next=a,b");
        Assert.Equal(
            "select pk1, pk2, content, s from t where \"content\" like :p0 and ((\"pk1\" > :p1) or (\"pk1\" = :p1 and \"pk2\" > :p2)) order by pk1, pk2 limit 101",
            query.PageSql);
        Assert.Equal("select count(*) from t where \"content\" like :p0", query.CountSql);
        Assert.Equal("%x%", query.Parameters["p0"]);
    }

    [Fact]
    public async Task Filters_are_applied_in_order_of_key_then_value()
    {
        var query = await BuildAsync("/test/t.json?s__gt=1&content=b&content=a");
        Assert.Equal("select pk1, pk2, content, s from t where \"content\" = :p0 and \"content\" = :p1 and \"s\" > :p2 order by pk1, pk2 limit 101", query.PageSql);
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = "a", ["p1"] = "b", ["p2"] = 1L }, query.Parameters);
    }

    [Fact]
    public async Task Where_fragments_are_anded_verbatim_as_datasette_adds_them()
    {
        // No parentheses: Datasette joins the raw fragments, so "or" binds as SQLite's precedence says.
        var query = await BuildAsync("/test/t.json?_where=s+>+1+or+s+<+0&_where=content+is+not+null");
        Assert.Equal("select pk1, pk2, content, s from t where s > 1 or s < 0 and content is not null order by pk1, pk2 limit 101", query.PageSql);
    }

    [Fact]
    public async Task A_sort_column_outside_the_selected_columns_is_fetched_but_not_output()
    {
        var query = await BuildAsync("/test/t.json?_col=content&_sort=s");
        Assert.Equal(new[] { "pk1", "pk2", "content" }, query.OutputColumns);
        Assert.Equal(new[] { "pk1", "pk2", "content", "s" }, query.SelectColumns);
        Assert.Equal("select pk1, pk2, content, s from t order by s, pk1, pk2 limit 101", query.PageSql);
    }

    [Fact]
    public async Task Col_puts_primary_keys_first_without_duplicates_and_nocol_removes_columns()
    {
        Assert.Equal(new[] { "pk1", "pk2", "content" }, (await BuildAsync("/test/t.json?_col=content&_col=pk1")).OutputColumns);
        Assert.Equal(new[] { "pk1", "pk2", "s" }, (await BuildAsync("/test/t.json?_nocol=content")).OutputColumns);
        Assert.Equal(new[] { "pk1", "pk2", "s" }, (await BuildAsync("/test/t.json?_col=content&_col=s&_nocol=content")).OutputColumns);
    }

    [Fact]
    public async Task Invalid_col_and_nocol_values_are_bad_requests_naming_them()
    {
        Assert.Equal("_col=a, b - invalid columns", (await BadRequestAsync("/test/t.json?_col=a&_col=content&_col=b")).Message);
        Assert.Equal("_nocol=pk1 - invalid columns", (await BadRequestAsync("/test/t.json?_nocol=pk1")).Message);
        Assert.Equal("_nocol=nope - invalid columns", (await BadRequestAsync("/test/t.json?_nocol=nope")).Message);
    }

    [Fact]
    public async Task Rowid_tables_select_and_paginate_by_rowid()
    {
        Assert.Equal("select rowid, x, y from r order by rowid limit 101", (await BuildAsync("/test/r.json", "r")).PageSql);
        var next = await BuildAsync("/test/r.json?_next=5", "r");
        Assert.Equal("select rowid, x, y from r where ((\"rowid\" > :p0)) order by rowid limit 101", next.PageSql);
        Assert.Equal(5L, next.Parameters["p0"]);
        Assert.Equal("select rowid, x, y from r order by rowid desc limit 101", (await BuildAsync("/test/r.json?_sort_desc=rowid", "r")).PageSql);
    }

    [Fact]
    public async Task Views_have_natural_order_and_offset_pagination()
    {
        Assert.Equal("select pk1, pk2, content, s from v limit 101", (await BuildAsync("/test/v.json", "v")).PageSql);
        Assert.Equal("select pk1, pk2, content, s from v limit 3 offset 14", (await BuildAsync("/test/v.json?_size=2&_next=14", "v")).PageSql);
        Assert.Equal("select pk1, pk2, content, s from v order by s limit 101", (await BuildAsync("/test/v.json?_sort=s", "v")).PageSql);
    }

    [Fact]
    public async Task Keyword_and_unusual_names_are_quoted()
    {
        var query = await BuildAsync("/test/select.json", "select");
        Assert.Equal("select id, \"order\" from \"select\" order by id limit 101", query.PageSql);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task Size_must_be_a_positive_integer(string size)
    {
        Assert.Equal("_size must be a positive integer", (await BadRequestAsync("/test/t.json?_size=" + size)).Message);
    }

    [Theory]
    [InlineData("%2B5")]
    [InlineData("%205%20")]
    [InlineData("0_5")]
    public async Task Size_is_read_as_python_int_reads_it(string size)
    {
        Assert.Equal(5, (await BuildAsync("/test/t.json?_size=" + size)).PageSize);
    }

    [Fact]
    public async Task A_size_too_long_for_an_int_is_over_the_maximum_not_malformed()
    {
        Assert.Equal("_size must be <= 1000", (await BadRequestAsync("/test/t.json?_size=99999999999999999999")).Message);
    }

    [Fact]
    public async Task Size_is_limited_by_max_returned_rows_and_max_means_that_limit()
    {
        Assert.Equal("_size must be <= 1000", (await BadRequestAsync("/test/t.json?_size=1001")).Message);
        Assert.Equal(1000, (await BuildAsync("/test/t.json?_size=max")).PageSize);
        Assert.EndsWith("limit 1", (await BuildAsync("/test/t.json?_size=0")).PageSql);
    }

    [Fact]
    public async Task Sort_errors_name_the_problem()
    {
        Assert.Equal("Cannot use _sort and _sort_desc at the same time", (await BadRequestAsync("/test/t.json?_sort=s&_sort_desc=content")).Message);
        Assert.Equal("Cannot sort table by nope", (await BadRequestAsync("/test/t.json?_sort=nope")).Message);
    }

    [Fact]
    public async Task Configured_sortable_columns_size_and_default_sort_apply()
    {
        const string yaml = """
            databases:
              test:
                tables:
                  t:
                    sortable_columns: [content]
                    sort_desc: content
                    size: 3
            """;
        Assert.Equal("Cannot sort table by s", (await BadRequestAsync("/test/t.json?_sort=s", configYaml: yaml)).Message);
        var query = await BuildAsync("/test/t.json", configYaml: yaml);
        Assert.Equal("select pk1, pk2, content, s from t order by content desc, pk1, pk2 limit 4", query.PageSql);
        Assert.False(query.SortFromRequest);
    }
}
