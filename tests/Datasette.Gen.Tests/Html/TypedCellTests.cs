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
/// back: every cell must render, classify, key and reach plugins exactly as its JSON did. Both are read by one
/// <see cref="RowReader"/>: its rules are asserted once, on what it hands a sink.
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

    [Fact]
    public void One_reading_writes_the_json_and_keeps_the_typed_cells_the_json_is_written_from()
    {
        using var connection = TestSqlite.Open(":memory:");
        var alone = Write(connection, typed: null);
        var typed = new List<PageCell[]>();
        var both = Write(connection, typed);
        Assert.Equal(alone, both);
        // The typed cells are the JSON: written back, they are the same bytes, and they are what PageRows.Read keeps.
        using var document = JsonDocument.Parse(both);
        Assert.Equal(document.RootElement[0].GetRawText(), Text(PageCellJson.ToObject(Columns, typed[0])));
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        using var reader = command.ExecuteReader();
        var read = PageRows.Read(reader, Options(), 10, []).Rows;
        Assert.Equal(Text(PageCellJson.ToObject(Columns, read[0])), Text(PageCellJson.ToObject(Columns, typed[0])));
    }

    private static string Text(JsonObject row)
    {
        using var body = new JsonBody();
        row.WriteTo(body.Writer);
        body.Writer.Flush();
        return System.Text.Encoding.UTF8.GetString(body.WrittenMemory.Span);
    }

    private static byte[] Write(SqliteConnection connection, List<PageCell[]>? typed)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        using var reader = command.ExecuteReader();
        using var body = new JsonBody();
        RowJson.Write(body.Writer, reader, Options(), 10, typed);
        body.Writer.Flush();
        return body.WrittenMemory.ToArray();
    }

    /// <summary>
    /// The reading rules, in their order: a label wins (unless the value is null or has none), then a JSON column's
    /// parsable text, then a column type's transform, else the stored value. Each cell reaches the sink once.
    /// </summary>
    [Fact]
    public void The_reader_decides_each_cell_by_one_rule_in_order()
    {
        using var connection = TestSqlite.Open(":memory:");
        using var command = connection.CreateCommand();
        command.CommandText = "select 3 as a, 4 as b, null as c, '[1]' as d, 'x' as e, 5 as f";
        using var reader = command.ExecuteReader();
        // a: labelled and transformed; b: label table without its value; c: null with labels; d: JSON and transformed;
        // e: JSON column, not JSON, transformed; f: nothing.
        var options = new RowJsonOptions(["a", "b", "c", "d", "e", "f"], RowShape.Objects,
            JsonColumns: new HashSet<string> { "d", "e" },
            Labels: new Dictionary<int, Dictionary<string, string>>
            {
                [0] = new() { ["n:3"] = "three" },
                [1] = new() { ["n:3"] = "three" },
                [2] = new() { ["n:3"] = "three" },
            },
            Transforms: new Dictionary<int, System.Func<object?, object?>> { [0] = _ => "t", [3] = _ => "t", [4] = _ => "t" });
        var sink = new RecordingSink(6);
        RowReader.Read(reader, options, 10, ref sink);
        Assert.Equal(["start", "0:label three", "1:stored", "2:stored", "3:json [1]", "4:transformed t", "5:stored", "end"], sink.Calls);
    }

    private struct RecordingSink(int width) : IRowSink
    {
        public List<string> Calls { get; } = [];

        public readonly int Width => width;

        public readonly void StartRow(SqliteDataReader reader) => Calls.Add("start");

        public readonly void EndRow(SqliteDataReader reader) => Calls.Add("end");

        public readonly void Labelled(SqliteDataReader reader, int ordinal, string label) => Calls.Add($"{ordinal}:label {label}");

        public readonly void Json(int ordinal, JsonElement value) => Calls.Add($"{ordinal}:json {value.GetRawText()}");

        public readonly void Transformed(int ordinal, object? value) => Calls.Add($"{ordinal}:transformed {value}");

        public readonly void Stored(SqliteDataReader reader, int ordinal) => Calls.Add($"{ordinal}:stored");
    }
}
