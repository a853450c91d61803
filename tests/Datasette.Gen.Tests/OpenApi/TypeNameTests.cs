using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.OpenApi;
using Datasette.Gen.Tests.Infrastructure;
using static Datasette.Gen.Configuration.OpenApi.OpenApiTypeNames;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// The names generators make types and methods of: readable stems, collisions resolved the same
/// way whatever the order, and no schema left inline for a generator to name (and number) itself.
/// </summary>
public sealed class TypeNameTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private static Item Table(string database, string name) => new(Kind.Table, database, name);

    [Theory]
    [InlineData("facetable", "Facetable")]
    [InlineData("facet_cities", "FacetCities")]
    [InlineData("table/with/slashes.csv", "TableWithSlashesCsv")]
    [InlineData("123_starts_with_digits", "Table123StartsWithDigits")]
    [InlineData("𝐜𝐢𝐭𝐢𝐞𝐬", "Table")]
    [InlineData("camelCase", "CamelCase")]
    public void Stems_are_the_names_ascii_words_capitalised(string name, string stem) =>
        Assert.Equal(stem, Pascal(name, "Table"));

    [Fact]
    public void Names_shared_across_databases_take_the_database_name_and_only_those()
    {
        var names = Assign(new[] { Table("fixtures", "searchable"), Table("extra database", "searchable"), Table("fixtures", "facetable") }, OpenApiDocument.SharedNames);

        Assert.Equal("FixturesSearchable", names[Table("fixtures", "searchable")]);
        Assert.Equal("ExtraDatabaseSearchable", names[Table("extra database", "searchable")]);
        Assert.Equal("Facetable", names[Table("fixtures", "facetable")]);
    }

    [Fact]
    public void Clashes_that_remain_get_a_digest_of_the_name_whatever_the_order()
    {
        // "foo" + "SortColumn" is "foo_sort" + "Column"; "query" + "Rows" is the shared QueryRows.
        var items = new[] { Table("d", "foo"), Table("d", "foo_sort"), Table("d", "query"), Table("d", "bar"), new Item(Kind.Query, "d", "baz") };

        var names = Assign(items, OpenApiDocument.SharedNames);
        var reversed = Assign(items.Reverse(), OpenApiDocument.SharedNames);

        Assert.Equal(names.OrderBy(n => n.Key.Name), reversed.OrderBy(n => n.Key.Name));
        Assert.Equal("Bar", names[Table("d", "bar")]);
        Assert.Equal("Baz", names[new Item(Kind.Query, "d", "baz")]);
        foreach (var clashing in new[] { "foo", "foo_sort", "query" })
        {
            Assert.Matches("^" + Pascal(clashing, "Table") + "_[0-9a-f]{6}$", names[Table("d", clashing)]);
        }
        var all = names.SelectMany(n => NamesOf(n.Key.Kind, n.Value)).Concat(OpenApiDocument.SharedNames).ToList();
        Assert.Equal(all.Count, all.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Write_component_names_take_part_in_the_clash_rules()
    {
        // "foo" + "UpsertRowInput" is "foo_upsert" + "RowInput": both would be FooUpsertRowInput.
        var names = Assign(new[] { Table("d", "foo"), Table("d", "foo_upsert"), Table("d", "bar") }, OpenApiDocument.SharedNames);

        Assert.Matches("^Foo_[0-9a-f]{6}$", names[Table("d", "foo")]);
        Assert.Matches("^FooUpsert_[0-9a-f]{6}$", names[Table("d", "foo_upsert")]);
        Assert.Equal("Bar", names[Table("d", "bar")]);
    }

    [Fact]
    public void Shared_names_are_exactly_the_schemas_the_document_holds_besides_the_parts()
    {
        var instance = new OpenApiInstance("t", null, "1", "/", 1000, 100, true, true,
            new[] { "count" }.ToEquatableArray(), new[] { "columns" }.ToEquatableArray(), new[] { "columns" }.ToEquatableArray());
        // A database part with write endpoints holds no schemas of its own, but brings in the shared write schemas.
        var writes = OpenApiWriteBuilder.Database(new OpenApiDatabaseWrites(new OpenApiDatabase("d", "d", null, "D"), CreateTable: true, ExecuteWrite: true));
        using var document = JsonDocument.Parse(OpenApiDocument.Write(instance, new List<OpenApiPart> { writes }));
        using var readOnly = JsonDocument.Parse(OpenApiDocument.Write(instance, new List<OpenApiPart>()));

        var schemas = OpenApiDocumentReader.Schemas(document.RootElement).EnumerateObject().Select(p => p.Name).Order(System.StringComparer.Ordinal);
        Assert.Equal(OpenApiDocument.SharedNames.Order(System.StringComparer.Ordinal), schemas);
        Assert.Equal(OpenApiDocument.SharedNames.Except(OpenApiWriteSchemas.Names).Order(System.StringComparer.Ordinal),
            OpenApiDocumentReader.Schemas(readOnly.RootElement).EnumerateObject().Select(p => p.Name).Order(System.StringComparer.Ordinal));
    }

    /// <summary>
    /// Each operation's 200 is one JSON schema, a reference: two media types or a union of shapes
    /// make Kiota drop all but one ("divergent response schemas") and NSwag answer an untyped class.
    /// Table and row pages type their rows by a named row schema.
    /// </summary>
    [Fact]
    public async Task Every_operation_answers_one_named_schema_and_pages_name_their_rows()
    {
        using var document = JsonDocument.Parse(await fixture.Server.Client.GetStringAsync("/-/openapi.json"));
        var root = document.RootElement;
        var pages = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var operation = path.Value.GetProperty("get");
            var content = operation.GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.Equal(new[] { "application/json" }, content.EnumerateObject().Select(m => m.Name));
            var page = OpenApiDocumentReader.RefKey(OpenApiDocumentReader.Response(root, path.Name));
            var id = operation.GetProperty("operationId").GetString()!;
            if (id.EndsWith(RowsSuffix, System.StringComparison.Ordinal) || id.EndsWith(RowSuffix, System.StringComparison.Ordinal))
            {
                var row = OpenApiDocumentReader.RowSchemaKey(root, path.Name);
                Assert.Equal(page.EndsWith(RowsSuffix, System.StringComparison.Ordinal) ? page[..^RowsSuffix.Length] : page[..^RowPageSuffix.Length], row[..^RowSuffix.Length]);
                pages++;
            }
            else if (id.EndsWith(QuerySuffix, System.StringComparison.Ordinal) || id.EndsWith(SqlSuffix, System.StringComparison.Ordinal))
            {
                Assert.Equal("QueryRows", page);
            }
        }
        Assert.True(pages > 50, $"only {pages} table and row operations");
        Assert.Equal("FacetableRow", OpenApiDocumentReader.RowSchemaKey(root, "/fixtures/facetable.json"));
        Assert.Equal("FacetableRow", OpenApiDocumentReader.RowSchemaKey(root, "/fixtures/facetable/{pks}.json"));
    }

    /// <summary>
    /// A generator names an inline object or enum after where it sits (Anonymous49, Sortable16,
    /// ActorPage_actor): every one must be a component. Only x-response-variants, which
    /// generators ignore, and a nullable reference (oneOf a $ref and null) may stay inline.
    /// </summary>
    [Fact]
    public async Task Document_leaves_no_object_or_enum_inline()
    {
        using var document = JsonDocument.Parse(await fixture.Server.Client.GetStringAsync("/-/openapi.json"));
        var inline = new List<string>();
        Walk(document.RootElement, "#", componentRoot: false, inline);
        Assert.True(inline.Count == 0, "inline types:\n" + string.Join("\n", inline.Take(20)));
    }

    private static void Walk(JsonElement element, string pointer, bool componentRoot, List<string> inline)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, pointer + "/" + i++, false, inline);
            }
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (!componentRoot && IsNamedType(element))
        {
            inline.Add(pointer);
        }
        foreach (var property in element.EnumerateObject())
        {
            var child = pointer + "/" + property.Name;
            if (property.Name == OpenApiVariants.Extension)
            {
                continue;
            }
            if (property.Name is "properties" or "patternProperties")
            {
                // A map of names to schemas: a column named "enum" is not an enum.
                foreach (var member in property.Value.EnumerateObject())
                {
                    Walk(member.Value, child + "/" + member.Name, false, inline);
                }
                continue;
            }
            Walk(property.Value, child, pointer == "#/components/schemas", inline);
        }
    }

    /// <summary>What generators turn into a type of its own: an enum, an object with members, a free-form object, a union.</summary>
    private static bool IsNamedType(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out _) || schema.TryGetProperty("properties", out _) || schema.TryGetProperty("patternProperties", out _))
        {
            return true;
        }
        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object")
        {
            return true;
        }
        foreach (var union in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(union, out var alternatives))
            {
                var nullableReference = alternatives.GetArrayLength() == 2
                    && alternatives.EnumerateArray().Count(a => a.TryGetProperty("$ref", out _)) == 1
                    && alternatives.EnumerateArray().Count(a => a.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null") == 1;
                if (!nullableReference)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
