using System;
using System.Text;

namespace Datasette.Gen.Tests.Conformance.Write;

/// <summary>The write corpus comparer follows compare.py; the replayer sends bodies as replay.py does.</summary>
public sealed class WriteCorpusComparerTests
{
    private static WriteStepAnswer Json(int status, string body) => new(status, "application/json; charset=utf-8", "json", CorpusJson.Parse(body));

    private static WriteReference Reference(string method, WriteStepAnswer answer, bool bug, params string[] accept) =>
        new("s", 0, method, "/p", answer, Reference500: false, ReferenceBug: bug, accept);

    [Fact]
    public void Loopback_host_and_port_and_timings_are_normalised_but_int_and_float_differ()
    {
        Assert.Empty(WriteCorpusComparer.Differences(
            Json(201, """{"table_url": "http://127.0.0.1:60317/fixtures/made", "query_ms": 3}"""),
            Json(201, """{"table_url": "http://localhost:5000/fixtures/made"}""")));
        Assert.Contains(WriteCorpusComparer.Differences(Json(200, """{"n": 1}"""), Json(200, """{"n": 1.0}""")), d => d.Contains("$.n", StringComparison.Ordinal));
        Assert.Contains(WriteCorpusComparer.Differences(Json(200, "{}"), Json(201, "{}")), d => d == "status 200 != 201");
    }

    [Fact]
    public void Html_answers_compare_by_the_text_of_their_content_section()
    {
        WriteStepAnswer Html(string section, string head) => new(400, "text/html; charset=utf-8", "text",
            new StringValue($"<html><head>{head}</head><body><section class=\"content\">{section}</section></body></html>"));
        Assert.Empty(WriteCorpusComparer.Differences(Html("<h1>Error</h1>\n  <p>a &amp; b</p>", "x"), Html("<h1>Error</h1> <p>a &amp; b</p>", "y")));
        Assert.NotEmpty(WriteCorpusComparer.Differences(Html("<p>one</p>", "x"), Html("<p>two</p>", "x")));
    }

    [Fact]
    public void A_reference_bug_is_tolerated_only_for_a_proper_json_answer_in_the_accepted_statuses()
    {
        var recorded = new WriteStepAnswer(500, "text/html", "text", new StringValue("<html>traceback</html>"));
        var flagged = Reference("POST", recorded, bug: true, "2xx", "4xx");
        Assert.NotNull(WriteCorpusComparer.Tolerated(flagged, Json(400, """{"ok": false}""")));
        Assert.NotNull(WriteCorpusComparer.Tolerated(flagged, Json(200, """{"ok": true}""")));
        Assert.Null(WriteCorpusComparer.Tolerated(flagged, Json(500, """{"ok": false}""")));
        Assert.Null(WriteCorpusComparer.Tolerated(flagged, new WriteStepAnswer(400, "text/html", "text", new StringValue("x"))));
        Assert.Null(WriteCorpusComparer.Tolerated(Reference("POST", recorded, bug: false), Json(400, """{"ok": false}""")));
        Assert.Null(WriteCorpusComparer.Tolerated(Reference("POST", recorded, bug: true), Json(200, """{"ok": true}""")));
        Assert.NotNull(WriteCorpusComparer.Tolerated(Reference("GET", Json(200, "[]"), bug: true), Json(200, """[1]""")));
    }

    [Fact]
    public void Json_bodies_are_sent_as_python_json_dumps_writes_them()
    {
        var body = CorpusJson.Parse("""{"row":{"id":10,"content":"Kākāpō 🦜","x":[1.5e300,true,null]}}""");
        Assert.Equal("""{"row": {"id": 10, "content": "K\u0101k\u0101p\u014d \ud83e\udd9c", "x": [1.5e+300, true, null]}}""", WriteCorpusStep.PythonDumps(body));
        Assert.Equal(Encoding.ASCII.GetByteCount(WriteCorpusStep.PythonDumps(body)), WriteCorpusStep.PythonDumps(body).Length);
    }
}
