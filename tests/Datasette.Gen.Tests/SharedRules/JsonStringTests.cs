using System.Text;
using Datasette.Gen.Configuration;
using Datasette.Gen.Runtime.Endpoints.Write;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>
/// The one JSON string escaper and its three spellings: Python's json.dumps with and without
/// ensure_ascii (expected texts are Python 3's own output), and the UTF-8 text safe for JSON and YAML.
/// </summary>
public sealed class JsonStringTests
{
    private const string Awkward = "a\"\\\n\r\t\b\f\u0001\u001f\u00e9\u2028\u007f\ufeff";

    private static string Escape(string value, JsonStringEscapes escapes)
    {
        var builder = new StringBuilder();
        JsonString.Append(builder, value, escapes);
        return builder.ToString();
    }

    [Fact]
    public void Python_ascii_escapes_everything_outside_printable_ascii()
    {
        Assert.Equal("\"a\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\\u00e9\\u2028\\u007f\\ufeff\"", Escape(Awkward, JsonStringEscapes.PythonAscii));
    }

    [Fact]
    public void Python_unicode_escapes_only_quotes_backslashes_and_controls()
    {
        Assert.Equal("\"a\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\u00e9\u2028\u007f\ufeff\"", Escape(Awkward, JsonStringEscapes.PythonUnicode));
    }

    [Fact]
    public void Safe_utf8_escapes_what_json_or_yaml_readers_may_reject()
    {
        Assert.Equal("\"a\\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\u00e9\\u2028\\u007f\\ufeff\"", Escape(Awkward, JsonStringEscapes.SafeUtf8));
    }

    [Fact]
    public void A_stored_list_or_object_cell_is_pythons_unicode_json_dumps()
    {
        var value = new List<object?> { "x\b", new JsonMap { ["k\u0002"] = "\u00e9" } };
        Assert.Equal("[\"x\\b\", {\"k\\u0002\": \"\u00e9\"}]", WriteValues.Dumps(value));
    }
}
