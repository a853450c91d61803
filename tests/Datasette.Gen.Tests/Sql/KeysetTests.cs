using System.Collections.Generic;
using Datasette.Gen.Runtime.Tables;

namespace Datasette.Gen.Tests.Sql;

/// <summary>read-api.md §5.10: keyset pagination tokens and the predicates that continue after them.</summary>
public sealed class KeysetTests
{
    private static readonly string[] ThreeKeys = { "pk1", "pk2", "pk3" };
    private static readonly string[] TwoKeys = { "pk1", "pk2" };

    private const string TwoKeyPredicate = "((\"pk1\" > :p0) or (\"pk1\" = :p0 and \"pk2\" > :p1))";

    [Fact]
    public void Token_tilde_encodes_each_key_value_and_joins_them_with_commas()
    {
        Assert.Equal("a~2Fb,~2Ec-d", Keyset.Token(new[] { "a/b", ".c-d" }, sorted: false, sortIsNull: false, sortValue: null));
        Assert.Equal("2", Keyset.Token(new[] { "2" }, sorted: false, sortIsNull: false, sortValue: null));
        Assert.Equal("a~2Cb,c", Keyset.Token(new[] { "a,b", "c" }, sorted: false, sortIsNull: false, sortValue: null));
    }

    [Fact]
    public void Token_of_a_sorted_table_starts_with_the_encoded_sort_value()
    {
        Assert.Equal("0~2E9961213802400968,a,o", Keyset.Token(new[] { "a", "o" }, sorted: true, sortIsNull: false, sortValue: "0.9961213802400968"));
        Assert.Equal("CA,2", Keyset.Token(new[] { "2" }, sorted: true, sortIsNull: false, sortValue: "CA"));
    }

    [Fact]
    public void Token_marks_a_null_sort_value_with_a_literal_dollar_null_and_encodes_the_string_dollar_null()
    {
        Assert.Equal("$null,a,b", Keyset.Token(new[] { "a", "b" }, sorted: true, sortIsNull: true, sortValue: null));
        Assert.Equal("~24null,a,b", Keyset.Token(new[] { "a", "b" }, sorted: true, sortIsNull: false, sortValue: "$null"));
    }

    [Fact]
    public void Predicate_without_sort_is_the_lexicographic_comparison_of_the_keys()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("a,b~2Cc,d", ThreeKeys, null, false, parameters);
        Assert.Equal(
            "((\"pk1\" > :p0) or (\"pk1\" = :p0 and \"pk2\" > :p1) or (\"pk1\" = :p0 and \"pk2\" = :p1 and \"pk3\" > :p2))",
            predicate);
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = "a", ["p1"] = "b,c", ["p2"] = "d" }, parameters);
    }

    [Fact]
    public void Predicate_numbers_its_parameters_after_those_already_bound()
    {
        var parameters = new Dictionary<string, object?> { ["p0"] = "filter value" };
        var predicate = Keyset.Predicate("7", new[] { "rowid" }, null, false, parameters);
        Assert.Equal("((\"rowid\" > :p1))", predicate);
        Assert.Equal("7", parameters["p1"]);
        Assert.Equal("filter value", parameters["p0"]);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a,b,c")]
    public void Predicate_is_omitted_when_the_token_does_not_fit_the_key(string token)
    {
        var parameters = new Dictionary<string, object?>();
        Assert.Null(Keyset.Predicate(token, TwoKeys, null, false, parameters));
        Assert.Empty(parameters);
    }

    [Fact]
    public void Predicate_of_a_sorted_table_needs_a_sort_value_and_the_key()
    {
        var parameters = new Dictionary<string, object?>();
        Assert.Null(Keyset.Predicate("onlyone", new[] { "id" }, "s", false, parameters));
        Assert.Null(Keyset.Predicate("v,a", TwoKeys, "s", false, parameters));
        Assert.Empty(parameters);
    }

    [Fact]
    public void Predicate_ascending_after_a_null_sort_value_continues_through_nulls_then_all_values()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("$null,a,b", TwoKeys, "s", false, parameters);
        Assert.Equal($"(\"s\" is not null or (\"s\" is null and {TwoKeyPredicate}))", predicate);
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = "a", ["p1"] = "b" }, parameters);
    }

    [Fact]
    public void Predicate_ascending_after_a_value_continues_with_larger_values_or_ties_after_the_key()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("0~2E5,a,b", TwoKeys, "s", false, parameters);
        Assert.Equal($"(\"s\" > :p2 or (\"s\" = :p2 and {TwoKeyPredicate}))", predicate);
        Assert.Equal("0.5", parameters["p2"]);
    }

    [Fact]
    public void Predicate_descending_after_a_value_includes_smaller_values_and_the_nulls_that_sort_last()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("10,a,b", TwoKeys, "s", true, parameters);
        Assert.Equal($"(\"s\" < :p2 or \"s\" is null or (\"s\" = :p2 and {TwoKeyPredicate}))", predicate);
        Assert.Equal("10", parameters["p2"]);
    }

    [Fact]
    public void Predicate_descending_after_a_null_sort_value_stays_within_the_nulls()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("$null,a,b", TwoKeys, "s", true, parameters);
        Assert.Equal($"(\"s\" is null and {TwoKeyPredicate})", predicate);
    }

    [Fact]
    public void Predicate_decodes_a_string_dollar_null_as_a_value_not_as_null()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("~24null,a,b", TwoKeys, "text", false, parameters);
        Assert.Equal($"(\"text\" > :p2 or (\"text\" = :p2 and {TwoKeyPredicate}))", predicate);
        Assert.Equal("$null", parameters["p2"]);
    }
}
