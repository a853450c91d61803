using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.ReadApi;

/// <summary>
/// Following next_url from the first page must visit every row exactly once, for every table,
/// every sortable column, ascending, descending and the default order — whatever the storage
/// classes in the sort column (Datasette loops forever on BLOBs and stops early at infinities).
/// </summary>
public sealed class PaginationCompletenessTests
{
    [Fact(Timeout = 120000)]
    public async Task Every_fixtures_table_column_and_order_pages_through_every_row_exactly_once()
    {
        await using var server = await TestServer.StartFixturesAsync();
        var checkedSequences = await WalkDatabaseAsync(server, "fixtures", System.IO.Path.Combine(Paths.ConformanceData, "fixtures.db"), smallTablePageSize: 2);
        Assert.True(checkedSequences > 100, $"only {checkedSequences} page sequences were checked");
    }

    [Fact(Timeout = 60000)]
    public async Task Blobs_infinities_nulls_mixed_types_ties_and_null_keys_page_through_every_row_exactly_once()
    {
        using var file = new TempDatabaseFile("""
            create table blobs (id integer primary key, data blob);
            insert into blobs (data) values (x'00'), (x'FF'), (x'00'), (null), (x''), (x'0001'), (x'FF'), (null), (x'7F');
            create table reals (id integer primary key, value real);
            insert into reals (value) values (1e999), (-1e999), (1.5), (null), (1e999), (0.0), (-1e999), (2.5), (1e999), (-0.5);
            create table mixed (id integer primary key, anything);
            insert into mixed (anything) values (3), ('3'), (3.0), (x'03'), (null), (1e999), (-1e999), ('text'), ('inf'), (x'03'), (2), ('$null'), (''), (null), (2.5), ('a,b');
            create table untyped_keys (k primary key, v);
            insert into untyped_keys values (10, 'a'), ('10', 'b'), (9.5, 'c'), (x'0A', 'd'), ('$null', 'e'), (2, 'f'), ('a,b', 'g'), (1e999, 'h');
            create table null_keys (a text, b text, primary key (a, b));
            insert into null_keys values (null, 'x'), (null, 'y'), ('p', null), ('p', 'q'), ('', 'z'), ('None', 'n');
            create table texts (id text primary key, label text collate nocase);
            insert into texts values ('é', 'A'), ('e', 'a'), ('~', 'B'), (' ', 'b'), ('%', null), (',', 'A'), ('+', 'c');
            create view mixed_view as select id, anything from mixed;
            """, stem: "pagination");
        await using var server = await TestServer.StartAsync(new ServeOptions { Files = new List<string> { file.Path } });
        var checkedSequences = await WalkDatabaseAsync(server, "pagination", file.Path, smallTablePageSize: 2);
        Assert.True(checkedSequences >= 30, $"only {checkedSequences} page sequences were checked");
    }

    /// <summary>Walks every table × sort; returns how many page sequences were followed.</summary>
    private static async Task<int> WalkDatabaseAsync(TestServer server, string database, string path, int smallTablePageSize)
    {
        var sequences = 0;
        foreach (var relation in Relations(path))
        {
            var expected = relation.IsView ? await ViewRowsAsync(server, database, path, relation) : KeysReadDirectly(path, relation);
            // Big tables get pages of about 1/25th so the whole walk stays quick.
            var pageSize = Math.Max(smallTablePageSize, (expected.Count + 24) / 25);
            var sorts = new List<string?> { null };
            foreach (var column in relation.Columns)
            {
                sorts.Add("_sort=" + Uri.EscapeDataString(column));
                sorts.Add("_sort_desc=" + Uri.EscapeDataString(column));
            }
            foreach (var sort in sorts)
            {
                var url = $"/{database}/{TildeEncoding.Encode(relation.Name)}.json?_size={pageSize}" + (sort is null ? "" : "&" + sort);
                var seen = await FollowAsync(server.Client, url, relation, maxPages: expected.Count / pageSize + 2);
                if (seen is null)
                {
                    continue; // a column the configuration does not let anyone sort by
                }
                // Rows of a view may repeat, so the view's rows are compared as multisets.
                var extra = Multiset(seen).Where(g => g.Value > (Multiset(expected).TryGetValue(g.Key, out var n) ? n : 0)).Select(g => g.Key).ToList();
                Assert.True(extra.Count == 0, $"{url}: rows seen more often than they exist: {string.Join(" | ", extra)}");
                var missing = expected.Except(seen).ToList();
                Assert.True(missing.Count == 0, $"{url}: rows never seen: {string.Join(" | ", missing)}");
                Assert.Equal(expected.Count, seen.Count);
                sequences++;
            }
        }
        return sequences;
    }

    /// <summary>The identities of the rows seen following next_url, or null when the sort is refused.</summary>
    private static async Task<List<string>?> FollowAsync(HttpClient client, string firstUrl, Relation relation, int maxPages)
    {
        var seen = new List<string>();
        var url = firstUrl;
        for (var page = 0; page < maxPages; page++)
        {
            var response = await client.GetJsonAsync(url);
            if (page == 0 && response.Status == 400 && response.Json.GetProperty("error").GetString()!.StartsWith("Cannot sort table by", StringComparison.Ordinal))
            {
                return null;
            }
            Assert.True(response.Status == 200, $"{url}: {response.Status} {response.Text}");
            foreach (var row in response.Json.GetProperty("rows").EnumerateArray())
            {
                seen.Add(relation.IsView ? HttpJson.Compact(row) : string.Join(",", relation.Keys.Select(k => Canonical(row.GetProperty(k)))));
            }
            if (response.Json.GetProperty("next_url").ValueKind == JsonValueKind.Null)
            {
                return seen;
            }
            url = response.Json.GetProperty("next_url").GetString()!;
        }
        Assert.Fail($"{firstUrl}: still a next_url after {maxPages} pages (seen {seen.Count} rows)");
        return seen;
    }

    private static Dictionary<string, int> Multiset(List<string> rows) => rows.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<List<string>> ViewRowsAsync(TestServer server, string database, string path, Relation view)
    {
        var all = await server.Client.GetJsonAsync($"/{database}/{TildeEncoding.Encode(view.Name)}.json?_size=max");
        Assert.Equal(JsonValueKind.Null, all.Json.GetProperty("next_url").ValueKind);
        var rows = all.Json.GetProperty("rows").EnumerateArray().Select(HttpJson.Compact).ToList();
        using var connection = TestSqlite.Open(path, SqliteOpenMode.ReadOnly);
        Assert.Equal((long)rows.Count, TestSqlite.Scalar(connection, $"select count(*) from [{view.Name}]"));
        return rows;
    }

    private static List<string> KeysReadDirectly(string path, Relation table)
    {
        using var connection = TestSqlite.Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = $"select {string.Join(", ", table.Keys.Select(k => k == "rowid" ? "rowid" : Quote(k)))} from {Quote(table.Name)}";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Canonical(reader, i))));
        }
        return keys;
    }

    /// <summary>A key value as the JSON API shows it (blobs as base64, numbers by value), tagged by kind so "3" and 3 differ.</summary>
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "s:" + value.GetString(),
        JsonValueKind.Number => "n:" + value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.Object when value.TryGetProperty("encoded", out var encoded) => "b:" + encoded.GetString(),
        _ => "?" + value.GetRawText(),
    };

    private static string Canonical(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return "null";
        }
        return reader.GetValue(ordinal) switch
        {
            long integer => "n:" + ((double)integer).ToString("R", CultureInfo.InvariantCulture),
            double real when double.IsInfinity(real) => "null", // the JSON API shows infinities as null unless _json_infinity=1
            double real => "n:" + real.ToString("R", CultureInfo.InvariantCulture),
            string text => "s:" + text,
            byte[] blob => "b:" + Convert.ToBase64String(blob),
            var other => "?" + other,
        };
    }

    private sealed record Relation(string Name, bool IsView, IReadOnlyList<string> Keys, IReadOnlyList<string> Columns);

    /// <summary>Every table and view with its key columns (rowid when none is declared) and its columns.</summary>
    private static List<Relation> Relations(string path)
    {
        using var connection = TestSqlite.Open(path, SqliteOpenMode.ReadOnly);
        var names = new List<(string Name, string Type)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select name, type from sqlite_master where type in ('table', 'view') order by name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var relations = new List<Relation>();
        foreach (var (name, type) in names)
        {
            var columns = new List<string>();
            var keys = new SortedList<long, string>();
            using var command = connection.CreateCommand();
            command.CommandText = "select name, pk, hidden from pragma_table_xinfo(:name)";
            command.Parameters.AddWithValue(":name", name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt64(2) is 1)
                {
                    continue;
                }
                columns.Add(reader.GetString(0));
                if (reader.GetInt64(1) > 0)
                {
                    keys.Add(reader.GetInt64(1), reader.GetString(0));
                }
            }
            var isView = type == "view";
            var keyColumns = isView ? new List<string>() : keys.Count > 0 ? keys.Values.ToList() : new List<string> { "rowid" };
            if (!isView && keys.Count == 0)
            {
                columns.Add("rowid");
            }
            relations.Add(new Relation(name, isView, keyColumns, columns));
        }
        return relations;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
