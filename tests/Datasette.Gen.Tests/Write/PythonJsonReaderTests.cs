using System.Collections.Generic;
using System.Numerics;
using Datasette.Gen.Runtime.Endpoints.Write;

namespace Datasette.Gen.Tests.Write;

/// <summary>Request bodies parse as Python's json.loads parses them, failures with its messages (checked against CPython 3.11).</summary>
public sealed class PythonJsonReaderTests
{
    [Theory]
    [InlineData("", "Expecting value: line 1 column 1 (char 0)")]
    [InlineData("{not json", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")]
    [InlineData("{\"a\": 1} x", "Extra data: line 1 column 10 (char 9)")]
    [InlineData("[1,\n 2", "Expecting ',' delimiter: line 2 column 3 (char 6)")]
    [InlineData("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)")]
    [InlineData("\"abc", "Unterminated string starting at: line 1 column 1 (char 0)")]
    [InlineData("\"a\\qb\"", "Invalid \\escape: line 1 column 3 (char 2)")]
    [InlineData("\"\\u12\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)")]
    [InlineData("{\"k\": \"ā\", \"x\": }", "Expecting value: line 1 column 17 (char 16)")]
    [InlineData("[\"a\tb\"]", "Invalid control character at: line 1 column 4 (char 3)")]
    [InlineData("{\"a\":1,}", "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)")]
    [InlineData("nul", "Expecting value: line 1 column 1 (char 0)")]
    [InlineData("  \n  ", "Expecting value: line 2 column 3 (char 5)")]
    [InlineData("{\"row\": {\"id\": 1, \"content\": \"x\"}", "Expecting ',' delimiter: line 1 column 34 (char 33)")]
    [InlineData("[\"🦜\" 1]", "Expecting ',' delimiter: line 1 column 6 (char 5)")]
    public void Invalid_json_fails_with_pythons_message(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<PythonJsonException>(() => PythonJsonReader.Parse(text)).Message);
    }

    [Fact]
    public void Values_keep_pythons_types_and_a_repeated_key_keeps_its_first_place_and_last_value()
    {
        var map = Assert.IsType<JsonMap>(PythonJsonReader.Parse("""{"a": 1, "b": [1e400, -0, 1.0, 99999999999999999999, NaN, "\ud83e\udd9c"], "a": 2}"""));
        Assert.Equal(new[] { "a", "b" }, map.Keys);
        Assert.Equal(2L, map["a"]);
        var list = Assert.IsType<List<object?>>(map["b"]);
        Assert.Equal(double.PositiveInfinity, list[0]);
        Assert.Equal(0L, list[1]);
        Assert.Equal(1.0, Assert.IsType<double>(list[2]));
        Assert.Equal(BigInteger.Parse("99999999999999999999"), list[3]);
        Assert.True(double.IsNaN(Assert.IsType<double>(list[4])));
        Assert.Equal("🦜", list[5]);
    }

    [Fact]
    public void Nesting_is_bounded_instead_of_recursing_without_limit()
    {
        var deep = new string('[', 100_000);
        Assert.StartsWith("Nested too deeply", Assert.Throws<PythonJsonException>(() => PythonJsonReader.Parse(deep)).Message, System.StringComparison.Ordinal);
    }
}
