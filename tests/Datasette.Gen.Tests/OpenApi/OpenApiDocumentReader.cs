using System.Text.Json;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>Follows an OpenAPI document's references the way a client generator does.</summary>
internal static class OpenApiDocumentReader
{
    private const string SchemaPrefix = "#/components/schemas/";

    /// <summary>The key of the schema a <c>$ref</c> in <paramref name="schema"/> points at.</summary>
    public static string RefKey(JsonElement schema)
    {
        var reference = schema.GetProperty("$ref").GetString()!;
        Assert.StartsWith(SchemaPrefix, reference);
        return reference[SchemaPrefix.Length..];
    }

    public static JsonElement Schemas(JsonElement root) => root.GetProperty("components").GetProperty("schemas");

    /// <summary>The schema of a GET operation's 200 JSON response.</summary>
    public static JsonElement Response(JsonElement root, string path) =>
        root.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    /// <summary>The component a table or row operation's rows are typed by: 200 → its page → <c>rows.items</c>.</summary>
    public static string RowSchemaKey(JsonElement root, string path)
    {
        var page = Schemas(root).GetProperty(RefKey(Response(root, path)));
        return RefKey(page.GetProperty("properties").GetProperty("rows").GetProperty("items"));
    }
}
