using Datasette.Gen.Configuration.Arguments;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>_size as every paginated page reads it (tables, stored-query lists, permission debug pages).</summary>
public sealed class SizeArgumentTests
{
    [Theory]
    [InlineData("20", 20)]
    [InlineData("0", 0)]
    [InlineData("max", 1000)]
    [InlineData("+5", 5)]
    [InlineData(" 7 ", 7)]
    [InlineData("1_0", 10)]
    [InlineData("-0", 0)]
    [InlineData("0007", 7)]
    public void Python_int_spellings_are_sizes(string text, int expected)
    {
        Assert.Equal(expected, SizeArgument.Parse(text, 1000, minimum: 0, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1__0")]
    [InlineData("+")]
    [InlineData(" ")]
    [InlineData("MAX")]
    [InlineData("٣")]
    public void Anything_else_is_not_a_positive_integer(string text)
    {
        SizeArgument.Parse(text, 1000, minimum: 0, out var error);
        Assert.Equal("_size must be a positive integer", error);
    }

    [Theory]
    [InlineData("1001")]
    [InlineData("99999999999999999999999999999999")]
    public void A_size_over_the_maximum_names_the_maximum(string text)
    {
        SizeArgument.Parse(text, 1000, minimum: 0, out var error);
        Assert.Equal("_size must be <= 1000", error);
    }

    [Fact]
    public void A_page_that_needs_at_least_one_row_refuses_zero()
    {
        SizeArgument.Parse("0", 1000, minimum: 1, out var error);
        Assert.Equal("_size must be a positive integer", error);
    }

    [Theory]
    [InlineData("-99999999999999999999999", -1001)]
    [InlineData("99999999999999999999999", 1001)]
    [InlineData("1000", 1000)]
    public void Python_int_reports_a_magnitude_past_the_ceiling_as_just_past_it(string text, long expected)
    {
        Assert.True(PythonInt.TryParse(text, 1000, out var value));
        Assert.Equal(expected, value);
    }
}
