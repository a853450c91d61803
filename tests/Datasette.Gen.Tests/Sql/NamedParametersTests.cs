using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Tests.Sql;

/// <summary>read-api.md §9.1: :named parameters found outside comments and quoted text.</summary>
public sealed class NamedParametersTests
{
    [Fact]
    public void Extract_returns_unique_names_in_order_of_first_appearance()
    {
        Assert.Equal(new[] { "zeta", "alpha", "mid" }, NamedParameters.Extract("select :zeta, :alpha, :zeta, :mid, :alpha"));
    }

    [Fact]
    public void Extract_ignores_names_inside_strings_identifiers_and_comments()
    {
        const string sql = """
            select ':in_string', 'it''s :escaped', ":in_quotes", [:in_brackets], `:in_backticks`, :real
            -- :in_line_comment
            /* :in_block
               :comment */
            from t where a = :second
            """;
        Assert.Equal(new[] { "real", "second" }, NamedParameters.Extract(sql));
    }

    [Fact]
    public void Extract_keeps_magic_underscore_names_and_word_characters()
    {
        Assert.Equal(new[] { "_header_user_agent", "a1_b2" }, NamedParameters.Extract("select :_header_user_agent, :a1_b2"));
    }

    [Fact]
    public void Extract_finds_nothing_in_sql_without_parameters()
    {
        Assert.Empty(NamedParameters.Extract("select 1, 'a:b', time('12:30')"));
        Assert.Empty(NamedParameters.Extract(""));
    }

    [Fact]
    public void Extract_does_not_treat_a_double_colon_as_a_parameter()
    {
        Assert.Equal(new[] { "x" }, NamedParameters.Extract("select a::b, :x"));
    }
}
