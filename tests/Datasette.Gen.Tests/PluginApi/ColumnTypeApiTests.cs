using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The seed's column-type API (internal-database spec §5): assignments in the internal database, types in a registry.</summary>
public sealed class ColumnTypeApiTests
{
    /// <summary>A plugin type for any column (no SQLite types) with a transform.</summary>
    private sealed record PointType : ColumnType
    {
        public override string Name => "point";

        public override string Description => "A point";

        public override object? TransformValue(object? value, Runtime.Datasette datasette) => value is string text ? text.ToUpperInvariant() : value;
    }

    private static PluginRegistry PointPlugin() => new PluginRegistry()
        .AddPlugin(new PluginInfo("points", null, new[] { "register_column_types" }))
        .AddRegisterColumnTypes("points", _ => new ColumnType[] { new PointType() });

    private static string ColumnTypesRow(Runtime.Datasette datasette, string column) => datasette.GetInternalDatabase().Read(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = "select column_type || '|' || coalesce(config, 'NULL') from column_types where column_name = :c";
        command.Parameters.AddWithValue(":c", column);
        return command.ExecuteScalar() as string ?? "none";
    });

    [Fact]
    [Trait("seed", "internals:datasette-column-types")]
    public async Task Datasette_column_types_are_rows_of_the_internal_column_types_table()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: PointPlugin());
        var datasette = instance.Datasette;

        Assert.Equal(new[] { "email", "json", "point", "textarea", "url" }, datasette.ColumnTypes.Keys.OrderBy(k => k, StringComparer.Ordinal));
        await datasette.SetColumnTypeAsync("data", "people", "notes", "point", new JsonObject { ["srid"] = 4326, ["label"] = "é" });
        await datasette.SetColumnTypeAsync("data", "people", "name", "textarea", new JsonObject());

        Assert.Equal("""point|{"srid": 4326, "label": "\u00e9"}""", ColumnTypesRow(datasette, "notes"));
        Assert.Equal("textarea|NULL", ColumnTypesRow(datasette, "name"));
        Assert.Equal("Duplicate column type name: point", Assert.Throws<InvalidOperationException>(() => datasette.RegisterColumnType(new PointType())).Message);
        Assert.Equal("Duplicate column type name: url", Assert.Throws<InvalidOperationException>(() => datasette.RegisterColumnType(new UrlColumnType())).Message);
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-column-type")]
    public async Task Datasette_get_column_type_returns_the_type_with_its_config_or_null()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: PointPlugin());
        var datasette = instance.Datasette;
        await datasette.SetColumnTypeAsync("data", "people", "email", "email");
        await datasette.SetColumnTypeAsync("data", "people", "notes", "point", new JsonObject { ["srid"] = 4326 });
        await datasette.SetColumnTypeAsync("data", "people", "name", "no-such-type");

        var email = await datasette.GetColumnTypeAsync("data", "people", "email");
        var point = await datasette.GetColumnTypeAsync("data", "people", "notes");

        Assert.IsType<EmailColumnType>(email);
        Assert.Null(email!.Config);
        Assert.Equal("point", point!.Name);
        Assert.Equal(4326, point.Config!["srid"]!.GetValue<long>());
        Assert.Null(await datasette.GetColumnTypeAsync("data", "people", "age"));
        // Unknown type names are stored but ignored by the getters.
        Assert.Null(await datasette.GetColumnTypeAsync("data", "people", "name"));
        Assert.Equal("no-such-type|NULL", ColumnTypesRow(datasette, "name"));
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-column-types")]
    public async Task Datasette_get_column_types_maps_columns_to_applicable_types()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: PointPlugin());
        var datasette = instance.Datasette;
        await datasette.SetColumnTypeAsync("data", "people", "homepage", "url");
        await datasette.SetColumnTypeAsync("data", "people", "notes", "point");
        await datasette.SetColumnTypeAsync("data", "people", "missing", "email");
        await datasette.GetDatabase("data").WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "alter table people add column later INTEGER";
            return command.ExecuteNonQuery();
        });
        // Stored for a column that has since become something else: inapplicable, so left out.
        await datasette.Internal.ColumnTypes.SetAsync("data", "people", "later", "email", null);

        var types = await datasette.GetColumnTypesAsync("data", "people");

        Assert.Equal(new[] { "homepage", "notes" }, types.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("url", types["homepage"].Name);
        Assert.Empty(await datasette.GetColumnTypesAsync("data", "pairs"));
    }

    [Fact]
    [Trait("seed", "internals:datasette-set-column-type")]
    public async Task Datasette_set_column_type_checks_sqlite_types_and_replaces_assignments()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: PointPlugin());
        var datasette = instance.Datasette;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => datasette.SetColumnTypeAsync("data", "people", "age", "email"));
        Assert.Equal("Column type 'email' is only applicable to SQLite types TEXT but data.people.age has SQLite type INTEGER", error.Message);
        error = await Assert.ThrowsAsync<ArgumentException>(() => datasette.SetColumnTypeAsync("data", "people", "notes", "json"));
        Assert.Equal("Column type 'json' is only applicable to SQLite types TEXT but data.people.notes has SQLite type BLOB", error.Message);
        Assert.Equal("none", ColumnTypesRow(datasette, "age"));

        await datasette.SetColumnTypeAsync("data", "people", "homepage", "url");          // VARCHAR(200) is TEXT
        await datasette.SetColumnTypeAsync("data", "people", "age", "point");             // no SQLite types: any column
        await datasette.SetColumnTypeAsync("data", "nowhere", "x", "email");              // cannot check: stored
        await datasette.SetColumnTypeAsync("data", "people", "homepage", "textarea", new JsonObject { ["rows"] = 3 });

        Assert.Equal("""textarea|{"rows": 3}""", ColumnTypesRow(datasette, "homepage"));
        Assert.Equal("point|NULL", ColumnTypesRow(datasette, "age"));
        Assert.Equal("email|NULL", ColumnTypesRow(datasette, "x"));
    }

    [Fact]
    [Trait("seed", "internals:datasette-remove-column-type")]
    public async Task Datasette_remove_column_type_deletes_the_assignment_and_tolerates_none()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        await datasette.SetColumnTypeAsync("data", "people", "email", "email");

        await datasette.RemoveColumnTypeAsync("data", "people", "email");
        await datasette.RemoveColumnTypeAsync("data", "people", "email");

        Assert.Null(await datasette.GetColumnTypeAsync("data", "people", "email"));
        Assert.Equal("none", ColumnTypesRow(datasette, "email"));
    }

    [Fact]
    public async Task Configured_column_types_are_applied_at_startup_and_shown_by_the_table_extras()
    {
        const string yaml = """
            databases:
              data:
                tables:
                  people:
                    column_types:
                      homepage: url
                      notes: {type: point, config: {srid: 4326}}
                      age: email
                      name: unregistered
            """;
        await using var instance = await PluginApiInstance.CreateAsync(yaml, PointPlugin());
        var datasette = instance.Datasette;

        Assert.Equal(
            new[] { "Column type 'email' is only applicable to SQLite types TEXT but data.people.age has SQLite type INTEGER", "Unknown column type 'unregistered' for data.people.name" },
            datasette.StartupWarnings.Order(StringComparer.Ordinal));
        Assert.Equal("unregistered|NULL", ColumnTypesRow(datasette, "name"));
        Assert.Equal("none", ColumnTypesRow(datasette, "age"));
        var table = (await datasette.Client.GetAsync("/data/people.json?_extra=column_types&_extra=display_columns&_size=1")).Json()!;
        Assert.Equal("""{"homepage":{"type":"url","config":null},"notes":{"type":"point","config":{"srid":4326}}}""", table["column_types"]!.ToJsonString());
        var notes = table["display_columns"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "notes")!;
        Assert.Equal("point", notes["column_type"]!.GetValue<string>());
        Assert.Equal(4326, notes["column_type_config"]!["srid"]!.GetValue<long>());
        // JSON values pass through the type's transform (point upper-cases strings; url leaves them alone).
        var rows = (await datasette.Client.GetAsync("/data/people.json?_shape=array")).Json()!.AsArray();
        Assert.Equal(new[] { null, "X" }, rows.Select(r => r!["notes"]?.GetValue<string>()));
        Assert.Equal("ftp://bob", rows[1]!["homepage"]!.GetValue<string>());
        Assert.Equal("X", (await datasette.Client.GetAsync("/data/people/2.json?_shape=array")).Json()![0]!["notes"]!.GetValue<string>());
        await datasette.RemoveColumnTypeAsync("data", "people", "notes");
        Assert.Equal("x", (await datasette.Client.GetAsync("/data/people.json?_shape=array")).Json()![1]!["notes"]!.GetValue<string>());
        // An assignment made through the API shows up at once.
        await datasette.SetColumnTypeAsync("data", "people", "email", "email");
        var row = (await datasette.Client.GetAsync("/data/people/1.json?_extra=column_types")).Json()!;
        Assert.Equal("email", row["column_types"]!["email"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("url", "https://example.com/a?b=1", null)]
    [InlineData("url", " http://x.y ", null)]
    [InlineData("url", "ftp://example.com", "Invalid URL")]
    [InlineData("url", "https://has space", "Invalid URL")]
    [InlineData("email", "ada@example.com", null)]
    [InlineData("email", "ada@example", "Invalid email address")]
    [InlineData("email", "a b@example.com", "Invalid email address")]
    [InlineData("json", "{\"a\": [1, 2]}", null)]
    [InlineData("json", "{nope", "Invalid JSON")]
    [InlineData("textarea", "anything\nat all", null)]
    public void Built_in_types_validate_strings(string type, string value, string? expected)
    {
        var columnType = BuiltInColumnTypes.All.Single(t => t.Name == type);

        Assert.Equal(expected, columnType.Validate(value, null!));
        Assert.Null(columnType.Validate(null, null!));
        Assert.Null(columnType.Validate("", null!));
    }

    [Fact]
    public void Built_in_types_render_cells_and_reject_non_strings()
    {
        var url = new UrlColumnType();
        var email = new EmailColumnType();
        var json = new JsonColumnType();

        Assert.Equal("<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">https://x.example/?a=1&amp;b=&quot;2&quot;</a>", url.RenderCell(" https://x.example/?a=1&b=\"2\" ", "c", "t", "d", null!, null));
        Assert.Null(url.RenderCell("", "c", "t", "d", null!, null));
        Assert.Null(url.RenderCell(5L, "c", "t", "d", null!, null));
        Assert.Equal("<a href=\"mailto:o&#x27;neil@example.com\">o&#x27;neil@example.com</a>", email.RenderCell("o'neil@example.com", "c", "t", "d", null!, null));
        Assert.Equal("<pre>{\n  &quot;a&quot;: [\n    1,\n    &quot;&lt;b&gt;&quot;\n  ],\n  &quot;e&quot;: &quot;\\u00e9&quot;\n}</pre>", json.RenderCell("{\"a\": [1, \"<b>\"], \"e\": \"é\"}", "c", "t", "d", null!, null));
        Assert.Null(json.RenderCell("{nope", "c", "t", "d", null!, null));
        Assert.Null(new TextareaColumnType().RenderCell("x", "c", "t", "d", null!, null));
        Assert.Equal("URL must be a string", url.Validate(5L, null!));
        Assert.Equal("Email must be a string", email.Validate(5L, null!));
        Assert.Null(json.Validate(5L, null!));
        Assert.Equal("x", json.TransformValue("x", null!));
        Assert.All(BuiltInColumnTypes.All, t => Assert.Equal(new[] { SqliteAffinity.Text }, t.SqliteTypes));
    }

    [Theory]
    [InlineData(null, SqliteAffinity.Blob)]
    [InlineData("  ", SqliteAffinity.Blob)]
    [InlineData("VARCHAR(30)", SqliteAffinity.Text)]
    [InlineData("bigint", SqliteAffinity.Integer)]
    [InlineData("CHARINT", SqliteAffinity.Integer)]
    [InlineData("clob", SqliteAffinity.Text)]
    [InlineData("BLOB", SqliteAffinity.Blob)]
    [InlineData("double precision", SqliteAffinity.Real)]
    [InlineData("FLOAT", SqliteAffinity.Real)]
    [InlineData("DATETIME", SqliteAffinity.Numeric)]
    [InlineData("decimal(10,2)", SqliteAffinity.Numeric)]
    public void Declared_types_map_to_sqlite_affinities(string? declared, SqliteAffinity expected) =>
        Assert.Equal(expected, SqliteAffinities.FromDeclaredType(declared));
}
