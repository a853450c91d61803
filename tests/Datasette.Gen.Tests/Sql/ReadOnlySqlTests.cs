using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Tests.Sql;

/// <summary>read-api.md §9.2 layer 1: the statement validator for arbitrary SQL.</summary>
public sealed class ReadOnlySqlTests
{
    private const string PragmaMessage =
        "Statement contained a disallowed PRAGMA. Allowed pragma functions are pragma_database_list(), pragma_foreign_key_list(), " +
        "pragma_function_list(), pragma_index_info(), pragma_index_list(), pragma_index_xinfo(), pragma_page_count(), " +
        "pragma_max_page_count(), pragma_page_size(), pragma_schema_version(), pragma_table_info(), pragma_table_xinfo(), pragma_table_list()";

    [Theory]
    [InlineData("select 1")]
    [InlineData("SELECT * FROM t")]
    [InlineData("   \n\tselect 1")]
    [InlineData("with x as (select 1) select * from x")]
    [InlineData("WITH RECURSIVE c(x) AS (SELECT 1) SELECT x FROM c")]
    [InlineData("explain select 1")]
    [InlineData("explain  query\nplan select 1")]
    [InlineData("explain with x as (select 1) select * from x")]
    [InlineData("explain query plan with x as (select 1) select * from x")]
    [InlineData("-- a comment\nselect 1")]
    [InlineData("  -- indented comment\n-- and another\nselect 1")]
    [InlineData("/* block */ select 1")]
    [InlineData("/* one */ /* multi\nline */\n select 1")]
    [InlineData("select * from pragma_table_info('t')")]
    [InlineData("select * from pragma_table_xinfo('t') join pragma_index_list('t')")]
    [InlineData("select * from pragma_database_list()")]
    public void Validate_accepts_selects_withs_explains_and_allowed_pragma_functions(string sql)
    {
        ReadOnlySql.Validate(sql);
    }

    [Theory]
    [InlineData("update t set a = 1")]
    [InlineData("insert into t values (1)")]
    [InlineData("delete from t")]
    [InlineData("drop table t")]
    [InlineData(".schema")]
    [InlineData("pragma cache_size")]
    [InlineData("PRAGMA cache_size = 1000")]
    [InlineData("attach database 'x.db' as x")]
    [InlineData("explain update t set a = 1")]
    [InlineData("selectx from t")]
    [InlineData("withx as (select 1) select 1")]
    [InlineData("")]
    [InlineData("-- only a comment")]
    [InlineData("vacuum")]
    public void Validate_rejects_anything_that_does_not_start_as_a_select(string sql)
    {
        var error = Assert.Throws<DatasetteHttpException>(() => ReadOnlySql.Validate(sql));
        Assert.Equal(400, error.Status);
        Assert.Equal("Statement must be a SELECT", error.Message);
        Assert.Equal("Invalid SQL", error.Title);
    }

    [Theory]
    [InlineData("select * from pragma_cache_size()")]
    [InlineData("select 1; pragma cache_size")]
    [InlineData("select 'pragma' as word")]
    [InlineData("SELECT * FROM PRAGMA_JOURNAL_MODE()")]
    public void Validate_rejects_any_other_mention_of_pragma_with_the_list_of_allowed_functions(string sql)
    {
        var error = Assert.Throws<DatasetteHttpException>(() => ReadOnlySql.Validate(sql));
        Assert.Equal(400, error.Status);
        Assert.Equal(PragmaMessage, error.Message);
    }

    [Fact]
    public void The_disallowed_pragma_message_is_the_reference_text()
    {
        Assert.Equal(PragmaMessage, ReadOnlySql.DisallowedPragmaMessage);
    }
}
