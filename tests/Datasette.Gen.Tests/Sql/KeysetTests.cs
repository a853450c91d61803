using System;
using System.Collections.Generic;
using System.Linq;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Tests.Sql;

/// <summary>read-api.md §5.10: keyset pagination tokens and the predicates that continue after them.</summary>
public sealed class KeysetTests
{
    private static readonly TableInfo ThreeKeys = Table(new[] { "pk1", "pk2", "pk3" }, ("pk1", "text"), ("pk2", "text"), ("pk3", "text"));
    private static readonly TableInfo TwoKeys = Table(new[] { "pk1", "pk2" }, ("pk1", "text"), ("pk2", "text"), ("s", "real"), ("text", "text"));
    private static readonly TableInfo RowidTable = Table(Array.Empty<string>(), ("name", "text"));
    private static readonly TableInfo IdTable = Table(new[] { "id" }, ("id", "text"), ("s", "text"));

    private const string TwoKeyPredicate = "((\"pk1\" > :p0) or (\"pk1\" = :p0 and \"pk2\" > :p1))";

    [Fact]
    public void Token_tilde_encodes_each_key_value_and_joins_them_with_commas()
    {
        Assert.Equal("a~2Fb,~2Ec-d", Keyset.Token(TwoKeys, null, new object?[] { "a/b", ".c-d" }, null));
        Assert.Equal("2", Keyset.Token(RowidTable, null, new object?[] { 2L }, null));
        Assert.Equal("a~2Cb,c", Keyset.Token(TwoKeys, null, new object?[] { "a,b", "c" }, null));
    }

    [Fact]
    public void Token_of_a_sorted_table_starts_with_the_encoded_sort_value()
    {
        Assert.Equal("0~2E9961213802400968,a,o", Keyset.Token(TwoKeys, "s", new object?[] { "a", "o" }, 0.9961213802400968));
        Assert.Equal("CA,2", Keyset.Token(RowidTable, "name", new object?[] { 2L }, "CA"));
    }

    [Fact]
    public void Token_marks_a_null_sort_value_with_a_literal_dollar_null_and_encodes_the_string_dollar_null()
    {
        Assert.Equal("$null,a,b", Keyset.Token(TwoKeys, "text", new object?[] { "a", "b" }, null));
        Assert.Equal("~24null,a,b", Keyset.Token(TwoKeys, "text", new object?[] { "a", "b" }, "$null"));
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
        var predicate = Keyset.Predicate("7", RowidTable, null, false, parameters);
        Assert.Equal("((\"rowid\" > :p1))", predicate);
        Assert.Equal(7L, parameters["p1"]);
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
        Assert.Null(Keyset.Predicate("onlyone", IdTable, "s", false, parameters));
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
        Assert.Equal(0.5, parameters["p2"]);
    }

    [Fact]
    public void Predicate_descending_after_a_value_includes_smaller_values_and_the_nulls_that_sort_last()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("10,a,b", TwoKeys, "s", true, parameters);
        Assert.Equal($"(\"s\" < :p2 or \"s\" is null or (\"s\" = :p2 and {TwoKeyPredicate}))", predicate);
        Assert.Equal(10L, parameters["p2"]);
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

    private static readonly TableInfo Mixed = Table(new[] { "id" }, ("id", ""), ("anything", ""), ("real", "REAL"), ("data", "BLOB"));

    [Theory]
    [InlineData("$int.5", 5L)]
    [InlineData("$int.-12", -12L)]
    [InlineData("$real.inf", double.PositiveInfinity)]
    [InlineData("$real.-inf", double.NegativeInfinity)]
    [InlineData("$real.1.5", 1.5)]
    [InlineData("$text.a~2Cb", "a,b")]
    public void Typed_components_read_back_in_their_storage_class(string component, object expected)
    {
        var parameters = new Dictionary<string, object?>();
        Keyset.Predicate(component + ",1", Mixed, "anything", false, parameters);
        Assert.Equal(expected, parameters.Values.Last());
    }

    [Fact]
    public void Values_whose_text_would_compare_differently_are_written_with_their_storage_class()
    {
        // A BLOB never equals text (Datasette's next page starts over), an infinity stays the text
        // "inf" (greater than every number: pagination stops), an integer in a column without
        // affinity is not converted from text (text sorts after every number).
        Assert.Equal("$blob.00FF41,$int.1", Keyset.Token(Mixed, "data", new object?[] { 1L }, new byte[] { 0, 255, 65 }));
        Assert.Equal("$real.inf,$int.1", Keyset.Token(Mixed, "real", new object?[] { 1L }, double.PositiveInfinity));
        Assert.Equal("$real.-inf,$int.1", Keyset.Token(Mixed, "real", new object?[] { 1L }, double.NegativeInfinity));
        Assert.Equal("$int.7,$int.1", Keyset.Token(Mixed, "anything", new object?[] { 1L }, 7L));
        Assert.Equal("$real.2.5,$int.1", Keyset.Token(Mixed, "anything", new object?[] { 1L }, 2.5));
        Assert.Equal("text,$null", Keyset.Token(Mixed, "anything", new object?[] { null }, "text"));
        // Where the column's affinity turns the text back into the value, the token is Datasette's.
        Assert.Equal("2~2E5,$int.1", Keyset.Token(Mixed, "real", new object?[] { 1L }, 2.5));
        Assert.Equal("1e~2B16,$int.1", Keyset.Token(Mixed, "real", new object?[] { 1L }, 1e16));
    }

    [Theory]
    [MemberData(nameof(StoredValues))]
    public void Every_stored_value_reads_back_as_itself_in_every_affinity(object? value, string declared)
    {
        var table = Table(new[] { "id" }, ("id", "integer"), ("c", declared));
        var token = Keyset.Token(table, "c", new object?[] { 1L }, value);
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate(token, table, "c", false, parameters);
        if (value is null)
        {
            Assert.DoesNotContain(":p1", predicate);
        }
        else
        {
            Assert.Equal(value, parameters["p1"]);
        }
        Assert.Equal(1L, parameters["p0"]);
    }

    public static TheoryData<object?, string> StoredValues()
    {
        var data = new TheoryData<object?, string>();
        var values = new object?[] { null, 0L, -5L, long.MaxValue, 1.5, -0.25, 1e16, 1e-7, double.PositiveInfinity, double.NegativeInfinity, "", "text", "5", "inf", "$null", "a,b", "é ~", new byte[] { 1, 2 }, Array.Empty<byte>() };
        foreach (var declared in new[] { "", "integer", "real", "numeric", "text", "blob" })
        {
            foreach (var value in values)
            {
                data.Add(value, declared);
            }
        }
        return data;
    }

    [Fact]
    public void A_null_key_value_sorts_first_and_ties_compare_with_is_null()
    {
        var parameters = new Dictionary<string, object?>();
        var predicate = Keyset.Predicate("$null,b", TwoKeys, null, false, parameters);
        Assert.Equal("((\"pk1\" is not null) or (\"pk1\" is null and \"pk2\" > :p0))", predicate);
    }

    [Theory]
    [InlineData("$int.x,1")]
    [InlineData("$blob.zz,1")]
    [InlineData("$real.nan,1")]
    [InlineData("$what.1,1")]
    public void A_malformed_typed_component_is_a_bad_request(string token)
    {
        var error = Assert.Throws<DatasetteHttpException>(() => Keyset.Predicate(token, Mixed, "anything", false, new Dictionary<string, object?>()));
        Assert.Equal(400, error.Status);
    }

    private static TableInfo Table(string[] primaryKeys, params (string Name, string Type)[] columns) => new()
    {
        Name = "t",
        IsView = false,
        Sql = null,
        RootPage = 2,
        Columns = columns.Select((c, i) => new ColumnInfo(i, c.Name, c.Type, false, null, Array.IndexOf(primaryKeys, c.Name) + 1, 0)).ToList(),
        PrimaryKeys = primaryKeys,
        Outgoing = Array.Empty<ForeignKey>(),
        Indexes = Array.Empty<IndexInfo>(),
        RawForeignKeys = Array.Empty<(int, int, string, string, string?, string, string, string)>(),
    };
}
