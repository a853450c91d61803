using System.Collections.Generic;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Tests.Sql;

/// <summary>read-api.md §5.2: every column filter operator as SQL text plus bound parameters.</summary>
public sealed class ColumnFilterTests
{
    private static (List<string> Clauses, Dictionary<string, object?> Parameters) Apply(string key, string value, string table = "t")
    {
        var clauses = new List<string>();
        var parameters = new Dictionary<string, object?>();
        ColumnFilter.Apply(key, value, table, clauses, parameters);
        return (clauses, parameters);
    }

    [Theory]
    [InlineData("c", "v", "\"c\" = :p0", "v")]
    [InlineData("c__exact", "v", "\"c\" = :p0", "v")]
    [InlineData("c__not", "v", "\"c\" != :p0", "v")]
    [InlineData("c__contains", "v", "\"c\" like :p0", "%v%")]
    [InlineData("c__notcontains", "v", "\"c\" not like :p0", "%v%")]
    [InlineData("c__endswith", "v", "\"c\" like :p0", "%v")]
    [InlineData("c__startswith", "v", "\"c\" like :p0", "v%")]
    [InlineData("c__like", "a%b_", "\"c\" like :p0", "a%b_")]
    [InlineData("c__notlike", "a%", "\"c\" not like :p0", "a%")]
    [InlineData("c__glob", "a*[bc]", "\"c\" glob :p0", "a*[bc]")]
    [InlineData("c__date", "2019-01-14", "date(\"c\") = :p0", "2019-01-14")]
    [InlineData("c__arraycontains", "tag1", ":p0 in (select value from json_each([t].[c]))", "tag1")]
    [InlineData("c__arraynotcontains", "tag1", ":p0 not in (select value from json_each([t].[c]))", "tag1")]
    public void Apply_writes_the_clause_and_binds_the_transformed_value_as_a_string(string key, string value, string sql, string bound)
    {
        var (clauses, parameters) = Apply(key, value);
        Assert.Equal(new[] { sql }, clauses);
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = bound }, parameters);
    }

    [Theory]
    [InlineData("c__gt", ">")]
    [InlineData("c__gte", ">=")]
    [InlineData("c__lt", "<")]
    [InlineData("c__lte", "<=")]
    public void Comparisons_bind_an_all_digit_value_as_an_integer(string key, string op)
    {
        var (clauses, parameters) = Apply(key, "42");
        Assert.Equal(new[] { $"\"c\" {op} :p0" }, clauses);
        Assert.Equal(42L, Assert.IsType<long>(parameters["p0"]));
    }

    [Theory]
    [InlineData("4.5")]
    [InlineData("-3")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData("１２")] // full-width digits are not ASCII digits
    public void Comparisons_bind_any_other_value_as_the_original_string(string value)
    {
        var (_, parameters) = Apply("c__gt", value);
        Assert.Equal(value, Assert.IsType<string>(parameters["p0"]));
    }

    [Fact]
    public void In_splits_a_comma_list_trims_each_item_and_leaves_a_plain_column_unquoted()
    {
        var (clauses, parameters) = Apply("state__in", "CA, MI ,NY");
        Assert.Equal(new[] { "state in (:p0, :p1, :p2)" }, clauses);
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = "CA", ["p1"] = "MI", ["p2"] = "NY" }, parameters);
    }

    [Fact]
    public void In_reads_a_json_list_keeping_commas_inside_strings_and_numbers_as_numbers()
    {
        var (clauses, parameters) = Apply("state__in", "[\"CA\", \"a,b\", 3, 2.5]");
        Assert.Equal(new[] { "state in (:p0, :p1, :p2, :p3)" }, clauses);
        Assert.Equal("CA", parameters["p0"]);
        Assert.Equal("a,b", parameters["p1"]);
        Assert.Equal(3L, parameters["p2"]);
        Assert.Equal(2.5, parameters["p3"]);
    }

    [Fact]
    public void Notin_uses_not_in_and_quotes_a_column_name_that_needs_it()
    {
        var (clauses, parameters) = Apply("my column__notin", "a,b");
        Assert.Equal(new[] { "\"my column\" not in (:p0, :p1)" }, clauses);
        Assert.Equal(2, parameters.Count);
        Assert.Equal(new[] { "\"select\" in (:p0)" }, Apply("select__in", "x").Clauses);
    }

    [Fact]
    public void In_with_invalid_json_is_a_bad_request()
    {
        var error = Assert.Throws<DatasetteHttpException>(() => Apply("c__in", "[1, 2"));
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData("c__isnull", "\"c\" is null")]
    [InlineData("c__notnull", "\"c\" is not null")]
    // The reference writes "c" = "" (a double-quoted string); '' is the same comparison without
    // relying on SQLite's double-quoted-string fallback, which some builds disable.
    [InlineData("c__isblank", "(\"c\" is null or \"c\" = '')")]
    [InlineData("c__notblank", "(\"c\" is not null and \"c\" != '')")]
    public void No_argument_operators_ignore_the_value_and_bind_nothing(string key, string sql)
    {
        foreach (var value in new[] { "1", "", "anything" })
        {
            var (clauses, parameters) = Apply(key, value);
            Assert.Equal(new[] { sql }, clauses);
            Assert.Empty(parameters);
        }
    }

    [Fact]
    public void Apply_splits_the_key_on_its_last_double_underscore()
    {
        var (clauses, _) = Apply("a__b__gt", "1");
        Assert.Equal(new[] { "\"a__b\" > :p0" }, clauses);
    }

    [Fact]
    public void Apply_ignores_unknown_operators()
    {
        var (clauses, parameters) = Apply("c__bogus", "1");
        Assert.Empty(clauses);
        Assert.Empty(parameters);
    }

    [Fact]
    public void Apply_doubles_quotes_inside_column_names()
    {
        Assert.Equal(new[] { "\"we\"\"ird\" = :p0" }, Apply("we\"ird", "x").Clauses);
    }

    [Fact]
    public void Parameters_are_numbered_in_clause_order_across_filters()
    {
        var clauses = new List<string>();
        var parameters = new Dictionary<string, object?>();
        ColumnFilter.Apply("_neighborhood__startswith", "M", "facetable", clauses, parameters);
        ColumnFilter.Apply("planet_int__gte", "1", "facetable", clauses, parameters);
        ColumnFilter.Apply("state__in", "CA,MI", "facetable", clauses, parameters);
        Assert.Equal(
            "\"_neighborhood\" like :p0 and \"planet_int\" >= :p1 and state in (:p2, :p3)",
            string.Join(" and ", clauses));
        Assert.Equal(new Dictionary<string, object?> { ["p0"] = "M%", ["p1"] = 1L, ["p2"] = "CA", ["p3"] = "MI" }, parameters);
    }

    [Theory]
    [InlineData("name", true)]
    [InlineData("_col__exact", true)]
    [InlineData("a__gt", true)]
    [InlineData("_col", false)]
    [InlineData("_sort", false)]
    [InlineData("_next", false)]
    public void IsFilterArgument_treats_underscore_names_as_special_unless_they_have_an_operator(string key, bool expected)
    {
        Assert.Equal(expected, ColumnFilter.IsFilterArgument(key));
    }
}
