using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Internal;

/// <summary>internal-database.md: configured stored queries in the queries table, listed and paginated.</summary>
public sealed class StoredQueryStoreTests
{
    private const string Yaml = """
        databases:
          db:
            queries:
              zeta: select 'zeta'
              b_query:
                sql: select 'b'
                title: alpha
              c:
                sql: select 'c'
                title: Alpha
              a_query: select 'a'
              empty_title:
                sql: select 'e'
                title: ''
              commas:
                sql: select :name, :other
                title: Beta, gamma
                description: Has a comma
                hide_sql: true
                fragment: frag
                params: [name, other]
          second:
            queries:
              only: select 1
        """;

    /// <summary>Datasette's order: lower(coalesce(nullif(title, ''), name)), then name.</summary>
    private static readonly string[] ExpectedOrder = { "a_query", "b_query", "c", "commas", "empty_title", "zeta" };

    private static async Task<TestInstance> CreateAsync()
    {
        var instance = await TestInstance.CreateAsync(TestInstance.Config(Yaml));
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(instance.Datasette.Config);
        return instance;
    }

    [Fact]
    public async Task Config_queries_are_saved_as_trusted_with_source_config()
    {
        await using var instance = await CreateAsync();
        var rows = instance.Datasette.Internal.Database.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select database_name, name, source, is_trusted, is_write, is_private, options, parameters from queries order by database_name, name";
            using var reader = command.ExecuteReader();
            var list = new List<(string Database, string Name, string Source, long Trusted, long Write, long Private, string Options, string Parameters)>();
            while (reader.Read())
            {
                list.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetString(6), reader.GetString(7)));
            }
            return list;
        });
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("config", r.Source);
            Assert.Equal(1, r.Trusted);
            Assert.Equal(0, r.Write);
            Assert.Equal(0, r.Private);
        });
        var commas = rows.Single(r => r.Name == "commas");
        Assert.Equal("{\"fragment\":\"frag\",\"hide_sql\":true}", commas.Options);
        Assert.Equal("[\"name\",\"other\"]", commas.Parameters);
        Assert.Equal("{}", rows.Single(r => r.Name == "zeta").Options);
    }

    [Fact]
    public async Task GetQuery_reads_back_every_field()
    {
        await using var instance = await CreateAsync();
        var query = instance.Datasette.Internal.Queries.Get("db", "commas")!;
        Assert.Equal("select :name, :other", query.Sql);
        Assert.Equal("Beta, gamma", query.Title);
        Assert.Equal("Has a comma", query.Description);
        Assert.True(query.HideSql);
        Assert.Equal("frag", query.Fragment);
        Assert.Equal(new[] { "name", "other" }, query.Parameters);
        Assert.True(query.IsTrusted);
        Assert.Equal("config", query.Source);
        Assert.Null(instance.Datasette.Internal.Queries.Get("db", "nope"));
        Assert.Null(instance.Datasette.Internal.Queries.Get("second", "commas"));
    }

    [Fact]
    public async Task ListQueries_orders_by_lowercased_title_or_name_then_name()
    {
        await using var instance = await CreateAsync();
        var page = instance.Datasette.Internal.Queries.List("db", QueryFilter.None, limit: 50, cursor: null);
        Assert.Equal(ExpectedOrder, page.Queries.Select(q => q.Name));
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task ListQueries_pages_through_every_query_exactly_once_with_its_cursor(int limit)
    {
        await using var instance = await CreateAsync();
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = instance.Datasette.Internal.Queries.List("db", QueryFilter.None, limit, cursor);
            Assert.True(page.Queries.Count <= limit);
            seen.AddRange(page.Queries.Select(q => q.Name));
            cursor = page.Next;
            if (cursor is null)
            {
                break;
            }
        }
        Assert.Null(cursor);
        Assert.Equal(ExpectedOrder, seen);
    }

    [Fact]
    public async Task The_cursor_is_the_tilde_encoded_sort_key_and_name()
    {
        await using var instance = await CreateAsync();
        var page = instance.Datasette.Internal.Queries.List("db", QueryFilter.None, limit: 4, cursor: null);
        Assert.Equal("beta~2C+gamma,commas", page.Next);
    }

    [Fact]
    public async Task Listing_every_database_sorts_by_database_first_and_paginates()
    {
        await using var instance = await CreateAsync();
        var store = instance.Datasette.Internal.Queries;
        var first = store.List(null, QueryFilter.None, limit: 6, cursor: null);
        Assert.Equal(ExpectedOrder, first.Queries.Select(q => q.Name));
        Assert.Equal("db,zeta,zeta", first.Next);
        var second = store.List(null, QueryFilter.None, limit: 6, cursor: first.Next);
        Assert.Equal(new[] { ("second", "only") }, second.Queries.Select(q => (q.Database, q.Name)));
        Assert.Null(second.Next);
        Assert.Equal(7, store.Count(null, QueryFilter.None));
        Assert.Equal(6, store.Count("db", QueryFilter.None));
    }

    [Fact]
    public async Task Saving_config_queries_again_replaces_the_previous_config_entries()
    {
        await using var instance = await CreateAsync();
        var store = instance.Datasette.Internal.Queries;
        await store.SaveConfigQueriesAsync(TestInstance.Config("""
            databases:
              db:
                queries:
                  replacement: select 2
            """));
        Assert.Equal(new[] { "replacement" }, store.List(null, QueryFilter.None, 50, null).Queries.Select(q => q.Name));
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_count()
    {
        await using var instance = await CreateAsync();
        var store = instance.Datasette.Internal.Queries;
        var search = QueryFilter.None with { Search = "comma" };
        Assert.Equal(new[] { "commas" }, store.List("db", search, 50, null).Queries.Select(q => q.Name));
        Assert.Equal(1, store.Count("db", search));
        Assert.Empty(store.List("db", QueryFilter.None with { Source = "user" }, 50, null).Queries);
        Assert.Equal(6, store.Count("db", QueryFilter.None with { IsWrite = false }));
    }
}
