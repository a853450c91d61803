using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.OpenApi;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>Every table and view of fixtures.db has a row schema whose properties are exactly the columns it serves.</summary>
public sealed class TableSchemaTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    /// <summary>Names, whether a view, whether a rowid table, and the columns a row carries, read from SQLite itself.</summary>
    private static List<(string Name, bool IsView, bool IsRowid, List<(string Name, string Type, bool NotNull, int Pk)> Columns)> FixturesTables()
    {
        using var connection = TestSqlite.Open(Path.Combine(Paths.ConformanceData, "fixtures.db"), Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        var names = new List<(string, bool)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select name, type = 'view' from sqlite_master where type in ('table', 'view') order by name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }
        var tables = new List<(string, bool, bool, List<(string, string, bool, int)>)>();
        foreach (var (name, isView) in names)
        {
            var columns = new List<(string Name, string Type, bool NotNull, int Pk)>();
            using var command = connection.CreateCommand();
            command.CommandText = "select name, type, \"notnull\", pk, hidden from pragma_table_xinfo(:t)";
            command.Parameters.AddWithValue(":t", name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt32(4) != 1) // virtual-table hidden columns are never served
                {
                    columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3)));
                }
            }
            tables.Add((name, isView, !isView && columns.All(c => c.Pk == 0), columns));
        }
        return tables;
    }

    [Fact]
    public async Task Every_fixtures_table_has_a_schema_of_exactly_its_columns()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync("/-/openapi.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var tables = FixturesTables();
        Assert.True(tables.Count > 30);
        foreach (var (name, isView, isRowid, columns) in tables)
        {
            var key = OpenApiDocumentReader.RowSchemaKey(document.RootElement, $"/fixtures/{Datasette.Gen.Configuration.UrlEncoding.TildeEncoding.Encode(name)}.json");
            Assert.True(schemas.TryGetProperty(key, out var schema), $"no schema for {name}");
            var expected = (isRowid ? new[] { "rowid" } : Array.Empty<string>()).Concat(columns.Select(c => c.Name)).ToList();
            var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(expected.SequenceEqual(properties), $"{name}: [{string.Join(", ", properties)}] != [{string.Join(", ", expected)}]");
            Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
            foreach (var column in columns)
            {
                var property = schema.GetProperty("properties").GetProperty(column.Name);
                Assert.Equal(column.Pk > 0 ? column.Pk : (int?)null, property.TryGetProperty("x-primary-key", out var pk) ? pk.GetInt32() : null);
                var nullable = property.GetRawText().Contains("\"null\"", StringComparison.Ordinal);
                Assert.True(nullable == (!column.NotNull && column.Pk == 0) || OpenApiBuilder.Affinity(column.Type) == "",
                    $"{name}.{column.Name}: nullable {nullable}, notnull {column.NotNull}, pk {column.Pk}");
            }
            Assert.Equal(!isView, document.RootElement.GetProperty("paths").TryGetProperty($"/fixtures/{Datasette.Gen.Configuration.UrlEncoding.TildeEncoding.Encode(name)}/{{pks}}.json", out _));
        }
    }

    [Fact]
    public async Task Schemas_name_the_columns_the_table_endpoint_returns()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync("/-/openapi.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var (name, _, _, _) in FixturesTables())
        {
            var page = await _server.Client.GetJsonAsync($"/fixtures/{Datasette.Gen.Configuration.UrlEncoding.TildeEncoding.Encode(name)}.json?_size=0&_extra=columns");
            Assert.Equal(200, page.Status);
            var served = page.Json.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            var key = OpenApiDocumentReader.RowSchemaKey(document.RootElement, $"/fixtures/{Datasette.Gen.Configuration.UrlEncoding.TildeEncoding.Encode(name)}.json");
            var properties = schemas.GetProperty(key).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(served.SequenceEqual(properties), $"{name}: served [{string.Join(", ", served)}], described [{string.Join(", ", properties)}]");
        }
    }

    [Theory]
    [InlineData("INTEGER", false, 0, "{\"type\":[\"integer\",\"null\"]}")]
    [InlineData("int", true, 0, "{\"type\":\"integer\"}")]
    [InlineData("VARCHAR(30)", false, 0, "{\"type\":[\"string\",\"null\"]}")]
    [InlineData("TEXT", false, 1, "{\"type\":\"string\"}")]
    [InlineData("FLOAT", false, 0, "{\"type\":[\"number\",\"null\"]}")]
    [InlineData("DATETIME", false, 0, "{\"type\":[\"number\",\"string\",\"null\"]}")]
    [InlineData("BLOB", false, 0, "{\"oneOf\":[{\"$ref\":\"#/components/schemas/Blob\"},{\"type\":\"null\"}]}")]
    [InlineData("BLOB", true, 0, "{\"$ref\":\"#/components/schemas/Blob\"}")]
    [InlineData("", false, 0, "{}")]
    public void Affinity_decides_the_JSON_type(string declared, bool notNull, int pk, string expected)
    {
        var table = new OpenApiTable("db", "db", "t", false,
            new[] { new OpenApiColumn("c", declared, notNull, pk, false, null) }.ToEquatableArray(),
            (pk > 0 ? new[] { "c" } : Array.Empty<string>()).ToEquatableArray(),
            EquatableArray<string>.Empty, null, null, "T");
        var part = OpenApiBuilder.Table(table);

        using var schemas = JsonDocument.Parse("{" + part.Schemas + "}");
        var column = schemas.RootElement.GetProperty("TRow").GetProperty("properties").GetProperty("c");
        var withoutNotes = JsonSerializerText(column);
        Assert.Equal(expected, withoutNotes);
    }

    /// <summary>The column's schema without its description and primary-key mark.</summary>
    private static string JsonSerializerText(JsonElement column)
    {
        var members = column.EnumerateObject().Where(p => p.Name is not ("description" or "x-primary-key")).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}");
        return "{" + string.Join(",", members) + "}";
    }
}
