namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The schema pages (html-ui.md §9): the instance's lists every database the actor may view under
/// its name; a database's or a table's shows its one schema.
/// </summary>
internal sealed partial class SchemaPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Heading { get; init; }

    public bool IsInstance { get; init; }

    public string? Table { get; init; }

    public IReadOnlyList<DatabaseSchemaSql> Schemas { get; init; } = [];
}

internal sealed partial record DatabaseSchemaSql(string Database, string Schema);

/// <summary>
/// <c>/-/api</c>: Swagger UI over the OpenAPI document, a page of its own (its stylesheet is not the
/// layout's); the chrome is there for a deployment's <c>api_explorer.html</c> and for <c>?_context=1</c>.
/// </summary>
internal sealed partial class ApiExplorerPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string OpenApiUrl { get; init; }

    public required string SwaggerCssUrl { get; init; }

    public required string SwaggerJsUrl { get; init; }

    public required string ApiJsUrl { get; init; }
}
