using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>The corpus comparer and capture client: what counts as the same answer as the recording.</summary>
public sealed class CorpusComparerTests
{
    private static CorpusRecord Json(string path, string body, int status = 200, string contentType = "application/json; charset=utf-8", Dictionary<string, string>? headers = null) =>
        new(path, "test", status, contentType, headers ?? new Dictionary<string, string>(), "json", CorpusJson.Parse(body));

    private static List<string> Reasons(CorpusRecord expected, CorpusRecord actual) => CorpusComparer.CompareCase(expected, actual);

    [Fact]
    public void An_integer_and_the_same_float_differ()
    {
        Assert.Equal(new[] { "$.n: 1 != 1.0 (int/float)" }, Reasons(Json("/t.json", """{"n": 1}"""), Json("/t.json", """{"n": 1.0}""")));
        Assert.Equal(new[] { "$.n: 1.5 != 2" }, Reasons(Json("/t.json", """{"n": 1.5}"""), Json("/t.json", """{"n": 2}""")));
        Assert.Empty(Reasons(Json("/t.json", """{"n": 1e2, "m": 12345678901234567890}"""), Json("/t.json", """{"n": 100.0, "m": 12345678901234567890}""")));
    }

    [Fact]
    public void Object_key_order_is_ignored_but_list_order_is_not()
    {
        Assert.Empty(Reasons(Json("/t.json", """{"a": 1, "b": [1, 2]}"""), Json("/t.json", """{"b": [1, 2], "a": 1}""")));
        Assert.Equal(new[] { "$.b[0]: 1 != 2", "$.b[1]: 2 != 1" }, Reasons(Json("/t.json", """{"b": [1, 2]}"""), Json("/t.json", """{"b": [2, 1]}""")));
    }

    [Fact]
    public void Missing_and_unexpected_keys_are_named()
    {
        Assert.Equal(
            new[] { """$: keys missing in candidate: ["ok"]""", """$: unexpected keys in candidate: ["okay"]""" },
            Reasons(Json("/t.json", """{"ok": true}"""), Json("/t.json", """{"okay": true}""")));
    }

    [Fact]
    public void A_real_mismatch_is_reported_with_status_path_and_values()
    {
        var outcome = CorpusComparer.Compare(
            new[] { Json("/fixtures/t.json", """{"ok": false, "status": 500, "rows": [{"name": "a"}]}""", status: 500) },
            new[] { Json("/fixtures/t.json", """{"ok": false, "status": 400, "rows": [{"name": "b"}]}""", status: 400) }).Single();
        Assert.False(outcome.Passed);
        Assert.Equal("""FAIL /fixtures/t.json: status 500 != 400; $.status: 500 != 400; $.rows[0].name: "a" != "b" """.TrimEnd(), outcome.Line);
    }

    [Fact]
    public void Missing_and_extra_cases_fail()
    {
        var outcomes = CorpusComparer.Compare(new[] { Json("/a.json", "{}") }, new[] { Json("/b.json", "{}") });
        Assert.Equal(new[] { "FAIL /a.json: missing from candidate", "FAIL /b.json: not in reference (extra case in candidate)" }, outcomes.Select(o => o.Line));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8001/fixtures.json?_next=2", "http://HOST/fixtures.json?_next=2")]
    [InlineData("see https://localhost:5000/x and http://[::1]:9/y", "see http://HOST/x and http://HOST/y")]
    [InlineData("http://127.4.5.6/", "http://HOST/")]
    [InlineData("127.0.0.1:41234", "HOST")]
    [InlineData("localhost", "HOST")]
    [InlineData("http://example.com:8001/", "http://example.com:8001/")]
    [InlineData("x 127.0.0.1:8001", "x 127.0.0.1:8001")]
    public void Loopback_hosts_are_normalised(string text, string expected) =>
        Assert.Equal(expected, CorpusComparer.HostNormalised(text));

    [Fact]
    public void Hosts_in_json_text_and_redirects_compare_equal_across_ports()
    {
        Assert.Empty(Reasons(
            Json("/t.json", """{"next_url": "http://127.0.0.1:8001/t.json?_next=1", "host": "127.0.0.1:8001"}"""),
            Json("/t.json", """{"next_url": "http://localhost:35555/t.json?_next=1", "host": "localhost:35555"}""")));
        var redirect = new CorpusRecord("/r", "test", 302, "", new Dictionary<string, string> { ["location"] = "http://127.0.0.1:8001/x" }, "empty", new StringValue(""));
        Assert.Empty(Reasons(redirect, redirect with { Headers = new Dictionary<string, string> { ["location"] = "http://127.0.0.1:40000/x" } }));
        Assert.Equal(
            new[] { """header location: "http://HOST/x" != "/y" """.TrimEnd() },
            Reasons(redirect, redirect with { Headers = new Dictionary<string, string> { ["location"] = "/y" } }));
    }

    [Fact]
    public void Pythons_infinity_and_nan_tokens_parse_outside_strings_only()
    {
        var value = (ObjectValue)CorpusJson.Parse("""{"a": Infinity, "b": -Infinity, "c": NaN, "d": "Infinity", "e": "x\" NaN", "f": [Infinity]}""");
        Assert.Equal(double.PositiveInfinity, ((FloatValue)value["a"]!).Value);
        Assert.Equal(double.NegativeInfinity, ((FloatValue)value["b"]!).Value);
        Assert.True(double.IsNaN(((FloatValue)value["c"]!).Value));
        Assert.Equal("Infinity", ((StringValue)value["d"]!).Value);
        Assert.Equal("x\" NaN", ((StringValue)value["e"]!).Value);
        Assert.Equal("""{"a": Infinity, "b": -Infinity, "c": NaN, "d": "Infinity", "e": "x\" NaN", "f": [Infinity]}""", value.ToString());
    }

    [Fact]
    public void Infinity_equals_infinity_and_differs_from_a_string_or_a_number()
    {
        Assert.Empty(Reasons(Json("/t.json", """{"v": Infinity, "w": NaN}"""), Json("/t.json", """{"v": Infinity, "w": NaN}""")));
        Assert.Equal(new[] { "$.v: Infinity != -Infinity" }, Reasons(Json("/t.json", """{"v": Infinity}"""), Json("/t.json", """{"v": -Infinity}""")));
        Assert.Equal(new[] { """$.v: Infinity != "Infinity" """.TrimEnd() }, Reasons(Json("/t.json", """{"v": Infinity}"""), Json("/t.json", """{"v": "Infinity"}""")));
        Assert.Equal(new[] { "$.v: Infinity != 1e+308" }, Reasons(Json("/t.json", """{"v": Infinity}"""), Json("/t.json", """{"v": 1e308}""")));
    }

    [Fact]
    public void Timings_versions_magic_datetime_and_database_directories_are_not_compared()
    {
        Assert.Empty(Reasons(Json("/t.json", """{"query_ms": 1.5, "rows": [{"_traces": 1}]}"""), Json("/t.json", """{"query_ms": 0.2, "rows": [{}]}""")));
        Assert.Empty(Reasons(Json("/-/versions.json", """{"python": "3.12"}"""), Json("/-/versions.json", """{"sqlite": "3.50"}""")));
        Assert.Empty(Reasons(
            Json("/fixtures/magic_parameters.json?_shape=objects", """{"rows": [{"datetime": "2024-01-01", "ua": "x"}]}"""),
            Json("/fixtures/magic_parameters.json?_shape=objects", """{"rows": [{"datetime": "2026-12-05", "ua": "x"}]}""")));
        Assert.Empty(Reasons(
            Json("/-/databases.json", """{"databases": [{"name": "fixtures", "path": "fixtures.db"}]}"""),
            Json("/-/databases.json", """{"databases": [{"name": "fixtures", "path": "/work/repo/tests/conformance/data/fixtures.db"}]}""")));
        Assert.Equal(
            new[] { """$.rows[0].datetime: "a" != "b" """.TrimEnd() },
            Reasons(Json("/fixtures/other.json", """{"rows": [{"datetime": "a"}]}"""), Json("/fixtures/other.json", """{"rows": [{"datetime": "b"}]}""")));
    }

    [Fact]
    public void Html_bodies_are_not_compared_but_their_status_and_media_type_are()
    {
        CorpusRecord Html(string body, int status = 200, string type = "text/html; charset=utf-8") => new("/", "html", status, type, new Dictionary<string, string>(), "text", new StringValue(body));
        Assert.Empty(Reasons(Html("<p>a"), Html("<p>b", type: "text/html")));
        Assert.Equal(new[] { "status 200 != 404", "content-type 'text/html' != 'text/plain'" }, Reasons(Html("<p>a"), Html("<p>a", 404, "text/plain")));
    }

    [Fact]
    public void Text_bodies_are_compared_exactly_after_host_normalisation()
    {
        CorpusRecord Csv(string body) => new("/t.csv", "csv", 200, "text/plain; charset=utf-8", new Dictionary<string, string>(), "text", new StringValue(body));
        Assert.Empty(Reasons(Csv("id,url\r\n1,http://127.0.0.1:8001/x\r\n"), Csv("id,url\r\n1,http://127.0.0.1:9999/x\r\n")));
        Assert.Equal(new[] { """text differs at char 5: "id,url" != "id,uri" """.TrimEnd() }, Reasons(Csv("id,url"), Csv("id,uri")));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", """{"a": 1}""", "json")]
    [InlineData("application/vnd.api+json", """[1]""", "json")]
    [InlineData("application/json", "{\"a\": 1}\n{\"a\": 2}\n", "ndjson")]
    [InlineData("text/plain; charset=utf-8", " {\"a\": 1}\n", "json")]
    [InlineData("text/plain; charset=utf-8", "{\"a\": 1}\n{\"a\": 2}", "ndjson")]
    [InlineData("text/plain; charset=utf-8", "{not json", "text")]
    [InlineData("text/csv", "{\"a\": 1}", "text")]
    [InlineData("text/html", "", "empty")]
    public void Bodies_are_decoded_by_media_type_and_content(string contentType, string body, string kind) =>
        Assert.Equal(kind, CaptureClient.DecodeBody(contentType, Encoding.UTF8.GetBytes(body)).Kind);

    [Fact]
    public void A_body_that_is_not_utf8_is_stored_as_its_hash_and_length()
    {
        var (kind, body) = CaptureClient.DecodeBody("application/octet-stream", new byte[] { 0xff, 0x00 });
        Assert.Equal("binary", kind);
        Assert.Equal("""{"sha256": "ea5dbf9596d187e9500f23e9a680109475341cf4e81f7e043f7d97152c10772f", "length": 2}""", body.ToString());
    }

    [Theory]
    [InlineData("/fixtures/table~2Fwith~2Fslashes.json?_next=a%2Fb", "/fixtures/table~2Fwith~2Fslashes.json?_next=a%2Fb")]
    [InlineData("/fixtures/-/query.json?sql=select+'{\"a\":1}'", "/fixtures/-/query.json?sql=select+'%7B%22a%22:1%7D'")]
    [InlineData("/extra database.json", "/extra%20database.json")]
    [InlineData("/fixtures/../x|y^z`\\<>", "/fixtures/../x%7Cy%5Ez%60%5C%3C%3E")]
    [InlineData("/f/é?x=☃#frag", "/f/%C3%A9?x=%E2%98%83%23frag")]
    public void Request_targets_keep_the_path_as_written_and_encode_only_what_a_target_cannot_hold(string path, string target) =>
        Assert.Equal(target, CaptureClient.RequestTarget(path));
}
