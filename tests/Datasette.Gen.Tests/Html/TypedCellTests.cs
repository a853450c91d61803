using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using PageCellValues = Datasette.Gen.Runtime.Endpoints.Pages.CellValues;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// The HTML pages render typed cells (<see cref="PageRows"/>) instead of writing the rows as JSON and parsing them
/// back: every cell must render, classify, key and reach plugins exactly as its JSON did.
/// </summary>
public sealed class TypedCellTests
{
    private const string Sql = """
        select 1 as a, -7 as b, 1.5 as c, 2.0 as d, 1e20 as e, 1e-7 as f, 1e308 * 10 as g, -0.0 as h, null as i, '' as j,
          'https://example.com/x?a=1&b=2' as k, '<b>&"' as l, x'0001ff' as m, x'' as n, 'a/b,c' as o, 3 as p, 'x' as q, 2.5 as r,
          'tr' as s, 'js' as t, 4 as u, 'dec' as v, x'00' as w
        """;

    private static readonly string[] Columns = Enumerable.Range('a', 23).Select(c => ((char)c).ToString()).ToArray();

    /// <summary>Labels for p (long), q (string), r (real), w (BLOB); transforms on s, t, u and v as column types may return.</summary>
    private static RowJsonOptions Options() => new(
        Columns,
        RowShape.Objects,
        Labels: new Dictionary<int, Dictionary<string, string>>
        {
            [15] = new() { ["n:3"] = "three <3>" },
            [16] = new() { ["s:x"] = "" },
            [17] = new() { ["n:2.5"] = "2.5" },
            [22] = new() { ["b:00"] = "zero" },
        },
        Transforms: new Dictionary<int, System.Func<object?, object?>>
        {
            [18] = _ => true,
            [19] = _ => new JsonObject { ["value"] = 1, ["label"] = "one" },
            [20] = _ => 9,
            [21] = _ => 1.25m,
        });

    [Fact]
    public void Typed_cells_render_as_their_json_did()
    {
        using var connection = TestSqlite.Open(":memory:");
        List<PageCell[]> typed;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql;
            using var reader = command.ExecuteReader();
            typed = PageRows.Read(reader, Options(), 10, []).Rows;
        }
        using var body = new JsonBody();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql;
            using var reader = command.ExecuteReader();
            RowJson.Write(body.Writer, reader, Options(), 10);
        }
        body.Writer.Flush();
        using var document = JsonDocument.Parse(body.WrittenMemory);
        var row = document.RootElement[0];
        var links = new CellHtml.Links("/db/t/1.blob", "/db/other");
        for (var i = 0; i < Columns.Length; i++)
        {
            var json = row.GetProperty(Columns[i]);
            var cell = typed[0][i];
            Assert.True(CellHtml.Render(json, links, 5) == CellHtml.Render(cell, links, 5), $"{Columns[i]}: {json.GetRawText()}");
            Assert.True(CellHtml.TypeOf(json) == CellHtml.TypeOf(cell), $"type of {Columns[i]}: {json.GetRawText()}");
            Assert.True(CellHtml.KeyText(json) == CellHtml.KeyText(cell), $"key of {Columns[i]}: {json.GetRawText()}");
            Assert.True(Equals(PageCellValues.ToClr(json), PageCellValues.ToClr(cell))
                || (PageCellValues.ToClr(json) is byte[] x && PageCellValues.ToClr(cell) is byte[] y && x.SequenceEqual(y)), $"plugin value of {Columns[i]}");
            // The row and query pages' cells, read back from JSON, are the same again.
            Assert.Equal(CellHtml.Render(json, links, 5), CellHtml.Render(PageCellValues.FromJson(json), links, 5));
            Assert.Equal(CellHtml.TypeOf(json), CellHtml.TypeOf(PageCellValues.FromJson(json)));
        }
    }

    [Fact]
    public void Reading_stops_at_the_page_size_and_keeps_the_last_key_and_label_keys()
    {
        using var connection = TestSqlite.Open(":memory:");
        TestSqlite.Execute(connection, "create table t (id integer primary key, fk integer); insert into t values (1, 10), (2, null), (3, 30)");
        using var command = connection.CreateCommand();
        command.CommandText = "select id, fk from t order by id";
        using var reader = command.ExecuteReader();
        var rows = PageRows.Read(reader, new RowJsonOptions(["id", "fk"], RowShape.Objects, KeyOrdinals: [0], SortOrdinal: 1), 2, [1]);
        Assert.Equal(2, rows.Rows.Count);
        Assert.True(rows.Result.HasMore);
        Assert.Equal([2L], rows.Result.LastKey);
        Assert.Null(rows.Result.LastSortValue);
        Assert.Equal([10L, null], rows.RawKeys.Select(k => k[0]));
    }
}
